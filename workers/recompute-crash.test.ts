import { afterAll, describe, expect, it } from "vitest";
import { createShop, uniq } from "../tests/factories";
import { closeQueues } from "~/jobs/queues.server";
import { createGroup } from "~/modules/groups/groups.server";
import { groupSchema } from "~/modules/groups/schemas";
import { withTenant } from "~/utils/db.server";
import { startWorker, until } from "./fixtures/processes";

const CUSTOMERS = 20_000;
// Small batches (many commits to kill between) and a short lock, so the restarted worker resumes within seconds.
const settings = { RECOMPUTE_BATCH_SIZE: "200", WORKER_LOCK_MS: "1000", WORKER_CONCURRENCY: "2" };

afterAll(async () => {
  await closeQueues();
});

describe("a full recompute", () => {
  it("killed with SIGKILL in the middle and resumed by a new worker ends with exactly the right memberships and history", async () => {
    const shop = await createShop();
    const ids = await withTenant(
      shop.merchant.id,
      async (db) => {
        await db.customer.createMany({
          data: Array.from({ length: CUSTOMERS }, (_, i) => ({ merchantId: shop.merchant.id, firstName: "K", lastName: String(i), email: `k${i}-${uniq()}@example.test`, newsletter: i % 3 === 0 })),
        });
        return (await db.customer.findMany({ where: { merchantId: shop.merchant.id }, orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id);
      },
      { timeout: 60_000 },
    );
    const expected = ids.filter((_, i) => i % 3 === 0);

    const first = startWorker(settings);
    await first.ready;
    const input = groupSchema("en").parse({ name: { en: "Subscribers" }, kind: "automatic", criteria: { version: 1, root: { type: "condition", field: "newsletter", op: "is_true" } } });
    const { group, recompute } = await withTenant(shop.merchant.id, (db) => createGroup({ db, merchant: shop.merchant, actor: { staffId: null, name: "test" } }, input));
    const progress = () => withTenant(shop.merchant.id, (db) => db.groupRecompute.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id: recompute!.id } }));

    // Kill the worker once some batches have committed and many are left.
    const midway = await until("the recompute to be under way", async () => {
      const p = await progress();
      return p.cursor > 0n && p.cursor < p.maxId / 2n ? p : null;
    });
    first.proc.kill("SIGKILL");
    await first.exited;
    const atKill = await progress();
    expect(atKill.status).toBe("running");
    expect(atKill.cursor).toBeGreaterThanOrEqual(midway.cursor);
    expect(atKill.cursor).toBeLessThan(atKill.maxId);

    const second = startWorker(settings);
    try {
      await second.ready;
      const finished = await until("the resumed recompute to finish", async () => {
        const p = await progress();
        return p.status === "done" ? p : null;
      });
      expect(finished).toMatchObject({ done: CUSTOMERS, added: expected.length, removed: 0 });
    } finally {
      second.proc.kill("SIGTERM");
      await second.exited;
    }

    await withTenant(shop.merchant.id, async (db) => {
      const members = await db.groupMember.findMany({ where: { merchantId: shop.merchant.id, groupId: group.id }, orderBy: { customerId: "asc" }, select: { customerId: true } });
      expect(members.map((m) => m.customerId)).toEqual(expected);
      const joined = await db.groupMembershipEvent.groupBy({ by: ["customerId"], where: { merchantId: shop.merchant.id, groupId: group.id, change: "joined" }, _count: { _all: true } });
      expect(joined).toHaveLength(expected.length);
      expect(joined.every((row) => row._count._all === 1)).toBe(true);
      expect(await db.groupMembershipEvent.count({ where: { merchantId: shop.merchant.id, groupId: group.id, change: "left" } })).toBe(0);
      const stored = await db.customerGroup.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id: group.id } });
      expect(stored.memberCount).toBe(expected.length);
    });
  }, 120_000);
});
