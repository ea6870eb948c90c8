import { enqueue } from "~/jobs/queues.server";
import { afterCommit, prisma, type Db } from "~/utils/db.server";
import { key, redis } from "~/utils/redis.server";

const versionKey = (merchantId: string, customerId: bigint | string) => key("eval-version", merchantId, String(customerId));
const EVALUATION_DELAY_MS = 0;

/**
 * After a change that can move customers between groups, schedules their re-evaluation. The job id is per
 * customer, so a burst of changes costs one evaluation; a version counter bumped before each enqueue lets a
 * running evaluation notice a change that arrived while it worked (its enqueue was absorbed) and run again.
 * Durable through the outbox: written in the caller's transaction, handed to Redis after commit.
 */
export async function queueCustomerEvaluation(db: Db, merchantId: string, customerIds: bigint[]) {
  const unique = [...new Set(customerIds.map(String))];
  if (unique.length === 0) return;
  await db.jobOutbox.createMany({
    data: unique.map((customerId) => ({
      queue: "group-evaluate",
      jobId: `eval-${merchantId}-${customerId}`,
      payload: { merchantId, customerId },
      delayMs: EVALUATION_DELAY_MS,
    })),
  });
  afterCommit(db, async () => {
    const pipeline = redis.multi();
    for (const customerId of unique) pipeline.incr(versionKey(merchantId, customerId)).expire(versionKey(merchantId, customerId), 86_400);
    await pipeline.exec();
    for (const customerId of unique) {
      await enqueue("group-evaluate", { merchantId, customerId }, { jobId: `eval-${merchantId}-${customerId}`, delay: EVALUATION_DELAY_MS });
    }
    await prisma.jobOutbox.deleteMany({ where: { queue: "group-evaluate", jobId: { in: unique.map((c) => `eval-${merchantId}-${c}`) } } });
  });
}

export async function evaluationVersion(merchantId: string, customerId: bigint | string) {
  return (await redis.get(versionKey(merchantId, customerId))) ?? "0";
}
