import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// This file runs against a Redis of its own, which it kills and restarts; the modules must see it from the start.
const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(free));
  });
});
process.env.REDIS_URL = `redis://127.0.0.1:${port}`;

const root = fileURLToPath(new URL("..", import.meta.url));
const { createShop, uniq } = await import("../tests/factories");
const { closeQueues } = await import("~/jobs/queues.server");
const { createGroup } = await import("~/modules/groups/groups.server");
const { runRecompute } = await import("~/modules/groups/membership.server");
const { scheduleNightlyRecomputes } = await import("~/modules/groups/schedule.server");
const { groupSchema } = await import("~/modules/groups/schemas");
const { createOrder } = await import("~/modules/orders/orders.server");
const { withTenant } = await import("~/utils/db.server");
const { redis } = await import("~/utils/redis.server");
const { until } = await import("./fixtures/processes");

let redisServer: ChildProcess | undefined;
let worker: ChildProcess | undefined;

function startRedis() {
  redisServer = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  return until("redis to answer", async () => (await redis.ping().catch(() => null)) === "PONG", 30_000, 50);
}

beforeAll(async () => {
  await startRedis();
  worker = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], { cwd: root, env: { ...process.env }, stdio: "ignore" });
});

afterAll(async () => {
  worker?.kill("SIGKILL");
  await closeQueues();
  redis.disconnect();
  redisServer?.kill("SIGKILL");
});

describe("a Redis restart during a burst of order events", () => {
  it("is repaired by the scheduled reconciliation: memberships end exactly right", async () => {
    const shop = await createShop();
    const actor = { staffId: null, name: "test" };
    const customers = await withTenant(shop.merchant.id, async (db) => {
      await db.customer.createMany({ data: Array.from({ length: 60 }, (_, i) => ({ merchantId: shop.merchant.id, firstName: "R", lastName: String(i), email: `r${i}-${uniq()}@example.test` })) });
      return (await db.customer.findMany({ where: { merchantId: shop.merchant.id }, orderBy: { id: "asc" }, select: { id: true } })).map((c) => c.id);
    });
    const input = groupSchema("en").parse({ name: { en: "Big spenders" }, kind: "automatic", criteria: { version: 1, root: { type: "condition", field: "total_spent", op: "gt", value: 100 } } });
    const { group, recompute } = await withTenant(shop.merchant.id, (db) => createGroup({ db, merchant: shop.merchant, actor }, input));
    await runRecompute(shop.merchant.id, recompute!.id);

    // A burst of orders: every second customer crosses the line; Redis dies and comes back empty halfway.
    const crossing = customers.filter((_, i) => i % 2 === 0);
    for (const [n, customerId] of crossing.entries()) {
      if (n === crossing.length / 2) {
        redisServer!.kill("SIGKILL");
        await new Promise((resolve) => setTimeout(resolve, 300));
        await startRedis();
      }
      await withTenant(shop.merchant.id, (db) =>
        createOrder({ db, merchant: shop.merchant, actor }, { number: `R-${customerId}`, customerId, status: "completed", total: 150, items: [], paymentMethod: null, shippingMethod: null }),
      );
    }

    // The scheduled reconciliation, as it runs just after the shop's local midnight.
    const midnight = new Date(Date.UTC(2026, 11, 6, 0, 5));
    const scheduled = await scheduleNightlyRecomputes(midnight);
    expect(scheduled.queued).toBeGreaterThanOrEqual(1);

    const expected = [...crossing].sort((a, b) => (a < b ? -1 : 1));
    await until(
      "memberships to match",
      async () => {
        const members = await withTenant(shop.merchant.id, (db) => db.groupMember.findMany({ where: { merchantId: shop.merchant.id, groupId: group.id }, orderBy: { customerId: "asc" } }));
        return JSON.stringify(members.map((m) => m.customerId.toString())) === JSON.stringify(expected.map(String));
      },
      60_000,
    );
    // Whatever the restart cost the queue, no customer is left marked for evaluation.
    await until("no pending evaluations", async () => (await withTenant(shop.merchant.id, (db) => db.pendingEvaluation.count({ where: { merchantId: shop.merchant.id } }))) === 0, 60_000, 50);
    const stored = await withTenant(shop.merchant.id, (db) => db.customerGroup.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id: group.id } }));
    expect(stored.memberCount).toBe(expected.length);
    const joinedTwice = await withTenant(shop.merchant.id, (db) =>
      db.groupMembershipEvent.groupBy({ by: ["customerId"], where: { merchantId: shop.merchant.id, groupId: group.id, change: "joined" }, _count: { _all: true }, having: { customerId: { _count: { gt: 1 } } } }),
    );
    expect(joinedTwice).toEqual([]);
  }, 120_000);
});
