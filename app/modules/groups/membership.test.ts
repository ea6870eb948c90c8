import { describe, expect, it } from "vitest";
import { createShop, uniq } from "../../../tests/factories";
import { createOrder } from "~/modules/orders/orders.server";
import { withTenant } from "~/utils/db.server";
import type { Criteria } from "./criteria";
import { createGroup } from "./groups.server";
import { addToGroup, evaluateCustomers, explainMemberships, removeFromGroup, runRecompute } from "./membership.server";
import { groupSchema } from "./schemas";

type Shop = Awaited<ReturnType<typeof createShop>>;
const actor = { staffId: null, name: "test" };

const vip: Criteria = {
  version: 1,
  root: {
    type: "or",
    children: [
      { type: "condition", field: "total_spent", op: "gt", value: 1500 },
      { type: "condition", field: "orders_count", op: "gt", value: 3 },
    ],
  },
};

async function shopWithCustomers(n: number) {
  const shop = await createShop();
  const ids = await withTenant(shop.merchant.id, async (db) => {
    await db.customer.createMany({
      data: Array.from({ length: n }, (_, i) => ({ merchantId: shop.merchant.id, firstName: "C", lastName: String(i), email: `c${i}-${uniq()}@example.test` })),
    });
    const rows = await db.customer.findMany({ where: { merchantId: shop.merchant.id }, orderBy: { id: "asc" }, select: { id: true } });
    // Every 7th customer spent 2,000 in one order; every 5th has 4 small orders.
    const orders = rows.flatMap(({ id }, i) => [
      ...(i % 7 === 0 ? [{ number: `A${i}`, customerId: id, total: 2000 }] : []),
      ...(i % 5 === 0 ? [1, 2, 3, 4].map((k) => ({ number: `B${i}-${k}`, customerId: id, total: 10 })) : []),
    ]);
    await db.order.createMany({ data: orders.map((o) => ({ ...o, merchantId: shop.merchant.id, status: "completed" as const, currency: "USD" })) });
    return rows.map((r) => r.id);
  });
  return { shop, ids };
}

const expectedVip = (ids: bigint[]) => ids.filter((_, i) => i % 7 === 0 || i % 5 === 0);

async function newGroup(shop: Shop, criteria: Criteria | null, kind: "automatic" | "hybrid" | "manual" = "automatic") {
  const input = groupSchema("en").parse({ name: { en: `G ${uniq()}` }, kind, criteria });
  return withTenant(shop.merchant.id, (db) => createGroup({ db, merchant: shop.merchant, actor }, input));
}

const members = (shop: Shop, groupId: string) =>
  withTenant(shop.merchant.id, async (db) =>
    (await db.groupMember.findMany({ where: { merchantId: shop.merchant.id, groupId }, orderBy: { customerId: "asc" } })).map((m) => m.customerId),
  );

describe("group membership", () => {
  it("a full recompute writes exactly the matching customers, and nothing when nothing changed", async () => {
    const { shop, ids } = await shopWithCustomers(120);
    const { group, recompute } = await newGroup(shop, vip);
    const done = await runRecompute(shop.merchant.id, recompute!.id);
    expect(done).toMatchObject({ status: "done", added: expectedVip(ids).length, removed: 0, done: 120 });
    expect(await members(shop, group.id)).toEqual(expectedVip(ids));
    const stored = await withTenant(shop.merchant.id, (db) => db.customerGroup.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id: group.id } }));
    expect(stored.memberCount).toBe(expectedVip(ids).length);

    const again = await withTenant(shop.merchant.id, async (db) => {
      const { queueRecompute } = await import("./groups.server");
      return queueRecompute({ db, merchant: shop.merchant }, stored, "recompute");
    });
    const second = await runRecompute(shop.merchant.id, again.id);
    expect(second).toMatchObject({ status: "done", added: 0, removed: 0 });
    const events = await withTenant(shop.merchant.id, (db) => db.groupMembershipEvent.count({ where: { merchantId: shop.merchant.id, groupId: group.id } }));
    expect(events).toBe(expectedVip(ids).length);
  });

  it("an order that pushes a customer over the line moves them in, with the reason on record", async () => {
    const { shop, ids } = await shopWithCustomers(8);
    const { group, recompute } = await newGroup(shop, vip);
    await runRecompute(shop.merchant.id, recompute!.id);
    const customer = ids[1]!; // neither 7th nor 5th: not a member yet
    expect(await members(shop, group.id)).not.toContain(customer);
    await withTenant(shop.merchant.id, async (db) => {
      const scope = { db, merchant: shop.merchant, actor };
      await createOrder(scope, { number: `X-${uniq()}`, customerId: customer, status: "completed", total: 1600, items: [], paymentMethod: null, shippingMethod: null });
      expect(await evaluateCustomers(scope, [customer])).toEqual({ added: 1, removed: 0 });
      // Evaluating again changes nothing.
      expect(await evaluateCustomers(scope, [customer])).toEqual({ added: 0, removed: 0 });
    });
    expect(await members(shop, group.id)).toContain(customer);
    const [why] = await withTenant(shop.merchant.id, (db) => explainMemberships({ db, merchant: shop.merchant }, customer));
    expect(why).toMatchObject({ groupId: group.id, source: "criteria", reasons: [{ condition: { field: "total_spent", op: "gt", value: 1500 }, actual: 1600, held: true }] });
    const event = await withTenant(shop.merchant.id, (db) => db.groupMembershipEvent.findFirstOrThrow({ where: { merchantId: shop.merchant.id, groupId: group.id, customerId: customer } }));
    expect(event).toMatchObject({ change: "joined", reason: "criteria", criteriaVersion: 1 });
  });

  it("manual removals from a hybrid group survive recomputes; manual additions too", async () => {
    const { shop, ids } = await shopWithCustomers(15);
    const { group, recompute } = await newGroup(shop, vip, "hybrid");
    await runRecompute(shop.merchant.id, recompute!.id);
    const [kicked, added] = [ids[0]!, ids[1]!];
    await withTenant(shop.merchant.id, async (db) => {
      const scope = { db, merchant: shop.merchant, actor };
      expect(await removeFromGroup(scope, group.id, [kicked])).toEqual({ ok: true, changed: true });
      expect(await addToGroup(scope, group.id, [added])).toEqual({ ok: true, changed: true });
    });
    const again = await withTenant(shop.merchant.id, async (db) => {
      const { queueRecompute } = await import("./groups.server");
      const g = await db.customerGroup.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id: group.id } });
      return queueRecompute({ db, merchant: shop.merchant }, g, "recompute");
    });
    await runRecompute(shop.merchant.id, again.id);
    const now = await members(shop, group.id);
    expect(now).not.toContain(kicked);
    expect(now).toContain(added);
    const [why] = await withTenant(shop.merchant.id, (db) => explainMemberships({ db, merchant: shop.merchant }, added));
    expect(why).toMatchObject({ source: "manual", addedBy: "test", reasons: [] });
  });

  it("automatic groups refuse manual changes, and groups of another shop are not found", async () => {
    const { shop, ids } = await shopWithCustomers(3);
    const other = await createShop();
    const { group } = await newGroup(shop, vip);
    await withTenant(shop.merchant.id, async (db) => {
      expect(await addToGroup({ db, merchant: shop.merchant, actor }, group.id, [ids[0]!])).toEqual({ ok: false, error: "automaticGroup" });
    });
    await withTenant(other.merchant.id, async (db) => {
      expect(await addToGroup({ db, merchant: other.merchant, actor }, group.id, [ids[0]!])).toEqual({ ok: false, error: "notFound" });
    });
  });
});

describe("reconciling a whole shop", () => {
  it("evaluates every automatic group in one pass per batch and matches the per-group recompute", async () => {
    const { shop, ids } = await shopWithCustomers(90);
    const { group: a } = await newGroup(shop, vip);
    const { group: b } = await newGroup(shop, { version: 1, root: { type: "condition", field: "orders_count", op: "eq", value: 0 } });
    const { reconcileShop } = await import("./membership.server");
    expect(await reconcileShop(shop.merchant.id)).toEqual({ added: expectedVip(ids).length + ids.filter((_, i) => i % 7 !== 0 && i % 5 !== 0).length, removed: 0 });
    expect(await members(shop, a.id)).toEqual(expectedVip(ids));
    expect(await members(shop, b.id)).toEqual(ids.filter((_, i) => i % 7 !== 0 && i % 5 !== 0));
    // Nothing changed: nothing is written.
    expect(await reconcileShop(shop.merchant.id)).toEqual({ added: 0, removed: 0 });
    const counts = await withTenant(shop.merchant.id, (db) => db.customerGroup.findMany({ where: { merchantId: shop.merchant.id }, select: { id: true, memberCount: true } }));
    expect(Object.fromEntries(counts.map((c) => [c.id, c.memberCount]))).toEqual({ [a.id]: expectedVip(ids).length, [b.id]: ids.length - expectedVip(ids).length });
  });
});
