import { afterAll, describe, expect, it } from "vitest";
import { createShop, uniq } from "../../../tests/factories";
import { closeQueues, getQueue } from "~/jobs/queues.server";
import { createOrder } from "~/modules/orders/orders.server";
import { prisma, withTenant } from "~/utils/db.server";
import type { Criteria } from "./criteria";
import { drainEvaluations, queueCustomerEvaluation, sweepEvaluations } from "./events.server";
import { createGroup } from "./groups.server";
import { explainMemberships, runRecompute } from "./membership.server";
import { groupSchema } from "./schemas";

type Shop = Awaited<ReturnType<typeof createShop>>;
const actor = { staffId: null, name: "test" };
const bigSpender: Criteria = { version: 1, root: { type: "condition", field: "total_spent", op: "gt", value: 100 } };
const queue = getQueue("group-evaluate");
// A worker spawned by another test file of this run may drain these shops too: assertions are on what ends up
// written (each change exactly once), which holds whoever drains.

afterAll(() => closeQueues());

async function shopWithGroup(customers: number) {
  const shop = await createShop();
  const ids = await withTenant(shop.merchant.id, async (db) => {
    await db.customer.createMany({ data: Array.from({ length: customers }, (_, i) => ({ merchantId: shop.merchant.id, firstName: "E", lastName: String(i), email: `e${i}-${uniq()}@example.test` })) });
    return (await db.customer.findMany({ where: { merchantId: shop.merchant.id }, orderBy: { id: "asc" }, select: { id: true } })).map((c) => c.id);
  });
  const input = groupSchema("en").parse({ name: { en: "Big spenders" }, kind: "automatic", criteria: bigSpender });
  const { group, recompute } = await withTenant(shop.merchant.id, (db) => createGroup({ db, merchant: shop.merchant, actor }, input));
  await runRecompute(shop.merchant.id, recompute!.id);
  return { shop, ids, group };
}

const order = (shop: Shop, customerId: bigint, total: number) =>
  withTenant(shop.merchant.id, (db) =>
    createOrder({ db, merchant: shop.merchant, actor }, { number: `O-${uniq()}`, customerId, status: "completed", total, items: [], paymentMethod: null, shippingMethod: null }),
  );
const pending = (shop: Shop) => withTenant(shop.merchant.id, (db) => db.pendingEvaluation.findMany({ where: { merchantId: shop.merchant.id }, orderBy: { customerId: "asc" } }));
const members = (shop: Shop, groupId: string) =>
  withTenant(shop.merchant.id, async (db) => (await db.groupMember.findMany({ where: { merchantId: shop.merchant.id, groupId }, orderBy: { customerId: "asc" } })).map((m) => m.customerId));
const joinedOnce = (shop: Shop, groupId: string) =>
  withTenant(shop.merchant.id, async (db) => {
    const joined = await db.groupMembershipEvent.groupBy({ by: ["customerId"], where: { merchantId: shop.merchant.id, groupId, change: "joined" }, _count: { _all: true } });
    return joined.every((row) => row._count._all === 1);
  });
const waitingJobs = async (shop: Shop) => (await queue.getJobs(["waiting", "delayed", "active"])).filter((j) => j.data.merchantId === shop.merchant.id);

describe("incremental evaluation", () => {
  it("collapses 100 changes to one customer into one pending row, one queued job and one evaluation", async () => {
    const { shop, ids, group } = await shopWithGroup(3);
    const customer = ids[0]!;
    for (let i = 0; i < 100; i += 1) await order(shop, customer, 2);

    expect((await pending(shop)).map((p) => p.customerId)).toEqual([customer]);
    expect((await waitingJobs(shop)).length).toBeLessThanOrEqual(1);
    await drainEvaluations(shop.merchant.id);
    expect(await pending(shop)).toEqual([]);
    expect(await members(shop, group.id)).toEqual([customer]);
    expect(await joinedOnce(shop, group.id)).toBe(true);
    await Promise.all((await waitingJobs(shop)).map((j) => j.remove()));
  });

  it("evaluates a batch set-based: joins, leaves, history, webhook deliveries and member counts, and a repeat writes nothing", async () => {
    const { shop, ids, group } = await shopWithGroup(40);
    await withTenant(shop.merchant.id, (db) => db.webhookEndpoint.create({ data: { merchantId: shop.merchant.id, url: "https://hooks.example/e", events: ["customer.group.joined", "customer.group.left"] } }));
    const joining = ids.slice(0, 30);
    for (const id of joining) await order(shop, id, 150);
    await drainEvaluations(shop.merchant.id, 7);
    expect(await members(shop, group.id)).toEqual(joining);

    // Ten of them have their orders cancelled and leave; the others are evaluated again and stay.
    await withTenant(shop.merchant.id, async (db) => {
      await db.order.updateMany({ where: { merchantId: shop.merchant.id, customerId: { in: joining.slice(0, 10) } }, data: { status: "cancelled" } });
      await queueCustomerEvaluation(db, shop.merchant.id, joining);
    });
    await drainEvaluations(shop.merchant.id);
    await withTenant(shop.merchant.id, (db) => queueCustomerEvaluation(db, shop.merchant.id, ids));
    await drainEvaluations(shop.merchant.id);
    expect(await pending(shop)).toEqual([]);

    expect(await members(shop, group.id)).toEqual(joining.slice(10));
    await withTenant(shop.merchant.id, async (db) => {
      const stored = await db.customerGroup.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id: group.id } });
      expect(stored.memberCount).toBe(20);
      const history = await db.groupMembershipEvent.groupBy({ by: ["change", "reason"], where: { merchantId: shop.merchant.id, groupId: group.id }, _count: { _all: true } });
      expect(history.map((h) => [h.change, h.reason, h._count._all]).sort()).toEqual([["joined", "criteria", 30], ["left", "criteria", 10]]);
      const deliveries = await db.webhookDelivery.groupBy({ by: ["event"], where: { merchantId: shop.merchant.id }, _count: { _all: true } });
      expect(deliveries.map((d) => [d.event, d._count._all]).sort()).toEqual([["customer.group.joined", 30], ["customer.group.left", 10]]);
    });
    const [why] = await withTenant(shop.merchant.id, (db) => explainMemberships({ db, merchant: shop.merchant }, joining[15]!));
    expect(why).toMatchObject({ groupId: group.id, source: "criteria", reasons: [{ condition: { field: "total_spent", op: "gt", value: 100 }, actual: 150, held: true }] });
    await Promise.all((await waitingJobs(shop)).map((j) => j.remove()));
  });

  it("lets several jobs drain one shop side by side, each customer evaluated once", async () => {
    const { shop, ids, group } = await shopWithGroup(600);
    await withTenant(shop.merchant.id, async (db) => {
      await db.order.createMany({ data: ids.map((customerId, i) => ({ merchantId: shop.merchant.id, customerId, number: `P-${i}`, status: "completed" as const, total: 150, currency: "USD" })) });
      await queueCustomerEvaluation(db, shop.merchant.id, ids);
    });
    const runs = await Promise.all([1, 2, 3].map(() => drainEvaluations(shop.merchant.id, 50)));
    expect(runs.reduce((sum, r) => sum + r.customers, 0)).toBeLessThanOrEqual(600);
    expect(await pending(shop)).toEqual([]);
    expect(await members(shop, group.id)).toEqual(ids);
    expect(await joinedOnce(shop, group.id)).toBe(true);
    const stored = await withTenant(shop.merchant.id, (db) => db.customerGroup.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id: group.id } }));
    expect(stored.memberCount).toBe(600);
    await Promise.all((await waitingJobs(shop)).map((j) => j.remove()));
  });

  it("queues the job again, from the sweep, for customers whose job Redis lost", async () => {
    const { shop, ids } = await shopWithGroup(2);
    await withTenant(shop.merchant.id, (db) => queueCustomerEvaluation(db, shop.merchant.id, ids));
    // Redis lost the job (e.g. restarted without persistence); the pending rows are all that is left.
    await Promise.all((await waitingJobs(shop)).map((j) => j.remove()));
    await queue.removeDeduplicationKey(`eval-${shop.merchant.id}`);

    expect(await waitingJobs(shop)).toHaveLength(0);
    expect(await sweepEvaluations(60_000)).not.toContain(shop.merchant.id);
    expect(await sweepEvaluations(0)).toContain(shop.merchant.id);
    // Queued again, unless a worker of another test file has already taken it.
    expect((await waitingJobs(shop)).length + (await pending(shop)).length).toBeGreaterThan(0);
    // The sweep reads across shops only through a function that answers with shop ids; the app role itself sees none.
    expect(await prisma.pendingEvaluation.count()).toBe(0);
    await Promise.all((await waitingJobs(shop)).map((j) => j.remove()));
  });
});
