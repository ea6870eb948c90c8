import { enqueue } from "~/jobs/queues.server";
import { afterCommit, prisma, withTenant, type Db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { evaluateCustomers } from "./membership.server";

/**
 * After a change that can move customers between groups, marks them for re-evaluation (decision 009): one
 * pending_evaluations row per customer, written in the caller's transaction, so a burst of changes to a customer is
 * one row and one evaluation. After commit, the shop's evaluation job is queued; while one is waiting, further
 * queueing is absorbed.
 */
export async function queueCustomerEvaluation(db: Db, merchantId: string, customerIds: bigint[]) {
  const unique = [...new Set(customerIds.map(String))].map(BigInt);
  if (unique.length === 0) return;
  await db.$executeRaw`
    INSERT INTO pending_evaluations (merchant_id, customer_id)
    SELECT ${merchantId}::uuid, unnest(${unique}::bigint[])
    ON CONFLICT DO NOTHING`;
  afterCommit(db, () => queueEvaluationJob(merchantId));
}

export function queueEvaluationJob(merchantId: string) {
  return enqueue("group-evaluate", { merchantId }, { deduplication: { id: `eval-${merchantId}` } });
}

/**
 * Evaluates a shop's pending customers, a batch per transaction: the batch's rows are deleted in the transaction
 * that writes its memberships, so a crash redoes at most that batch, and a change committed meanwhile re-inserts its
 * row and is evaluated again. SKIP LOCKED lets several jobs of one shop drain side by side.
 */
export async function drainEvaluations(merchantId: string, batchSize = env.EVALUATION_BATCH_SIZE) {
  const total = { customers: 0, added: 0, removed: 0 };
  for (;;) {
    const step = await withTenant(
      merchantId,
      async (db) => {
        const taken = await db.$queryRaw<Array<{ customer_id: bigint }>>`
          DELETE FROM pending_evaluations
           WHERE merchant_id = ${merchantId}::uuid AND ctid = ANY (ARRAY(
                   SELECT ctid FROM pending_evaluations WHERE merchant_id = ${merchantId}::uuid
                    ORDER BY queued_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED))
          RETURNING customer_id`;
        if (taken.length === 0) return { customers: 0, added: 0, removed: 0 };
        const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId } });
        const changed = await evaluateCustomers({ db, merchant }, taken.map((r) => r.customer_id));
        return { customers: taken.length, ...changed };
      },
      { timeout: 60_000 },
    );
    total.customers += step.customers;
    total.added += step.added;
    total.removed += step.removed;
    // A short batch means the set was empty but for rows other jobs hold; rows committed later queue their own job.
    if (step.customers < batchSize) return total;
  }
}

/** Queues the evaluation job of every shop with customers pending longer than minAgeMs (Redis lost its job). */
export async function sweepEvaluations(minAgeMs = 30_000) {
  const shops = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT app_shops_with_pending_evaluations(${new Date(Date.now() - minAgeMs)}) AS id`;
  for (const { id } of shops) await queueEvaluationJob(id);
  return shops.map((s) => s.id);
}
