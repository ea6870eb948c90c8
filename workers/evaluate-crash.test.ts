import { afterAll, describe, expect, it } from "vitest";

// Queues of this file's own, so that only the worker it kills takes this job (the modules read it at import).
process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-evaluate-crash`;
const { createShop, uniq } = await import("../tests/factories");
const { closeQueues } = await import("~/jobs/queues.server");
const { queueCustomerEvaluation } = await import("~/modules/groups/events.server");
const { withTenant } = await import("~/utils/db.server");
const { startWorker, until } = await import("./fixtures/processes");

const CUSTOMERS = 6_000;
// Small batches (many commits to kill between) and a short lock, so a killed job is taken up again within seconds.
const settings = { EVALUATION_BATCH_SIZE: "100", WORKER_LOCK_MS: "1000", WORKER_CONCURRENCY: "2" };

afterAll(async () => {
  await closeQueues();
});

describe("incremental evaluation", () => {
  it("killed with SIGKILL in the middle of a burst loses nothing: a new worker ends with exactly the right memberships and history", async () => {
    const shop = await createShop();
    const merchantId = shop.merchant.id;
    const { ids, group } = await withTenant(
      merchantId,
      async (db) => {
        await db.customer.createMany({
          data: Array.from({ length: CUSTOMERS }, (_, i) => ({ merchantId, firstName: "K", lastName: String(i), email: `k${i}-${uniq()}@example.test`, newsletter: i % 3 === 0 })),
        });
        // Created directly, without the full recompute a new group queues: only the incremental path fills it.
        const group = await db.customerGroup.create({ data: { merchantId, name: { en: "Subscribers" }, kind: "automatic", criteria: { version: 1, root: { type: "condition", field: "newsletter", op: "is_true" } }, criteriaVersion: 1 } });
        const ids = (await db.customer.findMany({ where: { merchantId }, orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id);
        return { ids, group };
      },
      { timeout: 60_000 },
    );
    const expected = ids.filter((_, i) => i % 3 === 0);
    const counts = () =>
      withTenant(merchantId, async (db) => ({
        members: await db.groupMember.count({ where: { merchantId, groupId: group.id } }),
        pending: await db.pendingEvaluation.count({ where: { merchantId } }),
      }));
    const state = () =>
      withTenant(merchantId, async (db) => ({
        members: (await db.groupMember.findMany({ where: { merchantId, groupId: group.id }, orderBy: { customerId: "asc" }, select: { customerId: true } })).map((m) => m.customerId),
        pending: (await db.pendingEvaluation.findMany({ where: { merchantId }, select: { customerId: true } })).map((p) => p.customerId),
      }));

    // A burst of changes to every customer, then a worker that is killed once some batches have committed.
    await withTenant(merchantId, (db) => queueCustomerEvaluation(db, merchantId, ids), { timeout: 60_000 });
    const first = startWorker(settings);
    await first.ready;
    await until("the evaluation to be under way", async () => {
      const now = await counts();
      return now.members > 0 && now.pending > CUSTOMERS / 2;
    });
    first.proc.kill("SIGKILL");
    await first.exited;

    // Every customer is either evaluated (a member if expected) or still pending: the killed batch rolled back whole.
    const atKill = await state();
    expect(atKill.pending.length).toBeGreaterThan(0);
    const pending = new Set(atKill.pending);
    expect(atKill.members.every((id) => !pending.has(id))).toBe(true);
    const evaluatedExpected = expected.filter((id) => !pending.has(id));
    expect(atKill.members).toEqual(evaluatedExpected);

    const second = startWorker(settings);
    try {
      await second.ready;
      await until("the pending evaluations to be drained", async () => (await counts()).pending === 0);
    } finally {
      second.proc.kill("SIGTERM");
      await second.exited;
    }

    await withTenant(merchantId, async (db) => {
      expect((await state()).members).toEqual(expected);
      const joined = await db.groupMembershipEvent.groupBy({ by: ["customerId"], where: { merchantId, groupId: group.id, change: "joined" }, _count: { _all: true } });
      expect(joined).toHaveLength(expected.length);
      expect(joined.every((row) => row._count._all === 1)).toBe(true);
      expect(await db.groupMembershipEvent.count({ where: { merchantId, groupId: group.id, change: "left" } })).toBe(0);
      const stored = await db.customerGroup.findFirstOrThrow({ where: { merchantId, id: group.id } });
      expect(stored.memberCount).toBe(expected.length);
    });
  }, 120_000);
});
