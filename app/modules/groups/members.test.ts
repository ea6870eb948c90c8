import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addNamedCustomers, createShop, uniq } from "../../../tests/factories";
import { listCustomers } from "~/modules/customers/list-customers.server";
import { parseListQuery } from "~/modules/customers/list-query";
import { deleteCustomers } from "~/modules/customers/customers.server";
import { withTenant } from "~/utils/db.server";
import { shopClock, type Criteria } from "./criteria";
import { createGroup } from "./groups.server";
import { findCustomersByIdOrEmail, groupSizeOverTime, latestRecomputes, listMembers, membershipHistory, pinDefaultGroup, previewWithin } from "./members.server";
import { addToGroup, removeFromGroup, runRecompute } from "./membership.server";
import { groupSchema } from "./schemas";

type Shop = Awaited<ReturnType<typeof createShop>>;
const actor = { staffId: null, name: "Maria" };

const vip: Criteria = {
  version: 1,
  root: { type: "or", children: [{ type: "condition", field: "total_spent", op: "gt", value: 1500 }, { type: "condition", field: "orders_count", op: "gt", value: 3 }] },
};

function inShop<T>(shop: Shop, fn: (scope: { db: Parameters<Parameters<typeof withTenant>[1]>[0]; merchant: Shop["merchant"]; actor: typeof actor }) => Promise<T>) {
  return withTenant(shop.merchant.id, (db) => fn({ db, merchant: shop.merchant, actor }));
}

async function newGroup(shop: Shop, input: Record<string, unknown>) {
  const parsed = groupSchema("en").parse({ name: { en: `G ${uniq()}` }, ...input });
  return inShop(shop, (scope) => createGroup(scope, parsed));
}

describe("group members, history and size", () => {
  it("pages members by customer id, each with why: the deciding values, or who added them", async () => {
    const shop = await createShop();
    const ids = await addNamedCustomers(shop.merchant.id, ["Anna", "Boris", "Chloe", "Dimitris", "Eleni"].map((firstName) => ({ firstName, lastName: "Test" })));
    await inShop(shop, (scope) =>
      scope.db.order.createMany({
        data: [
          { merchantId: shop.merchant.id, number: "A1", customerId: ids[0]!, status: "completed", total: 1600, currency: "EUR" },
          { merchantId: shop.merchant.id, number: "C1", customerId: ids[2]!, status: "completed", total: 2000, currency: "EUR" },
          ...[1, 2, 3, 4].map((k) => ({ merchantId: shop.merchant.id, number: `D${k}`, customerId: ids[3]!, status: "pending" as const, total: 5, currency: "EUR" })),
        ],
      }),
    );
    const { group, recompute } = await newGroup(shop, { kind: "hybrid", criteria: vip });
    await runRecompute(shop.merchant.id, recompute!.id);
    await inShop(shop, (scope) => addToGroup(scope, group.id, [ids[4]!]));
    await inShop(shop, (scope) => removeFromGroup(scope, group.id, [ids[2]!]));

    const clock = shopClock("UTC");
    const stored = await inShop(shop, ({ db }) => db.customerGroup.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id: group.id } }));
    const first = await inShop(shop, (scope) => listMembers(scope, stored, { limit: 2, clock }));
    expect(first.members.map((m) => m.id)).toEqual([ids[0]!.toString(), ids[3]!.toString()]);
    expect(first.next).toBe(ids[3]!.toString());
    const second = await inShop(shop, (scope) => listMembers(scope, stored, { after: BigInt(first.next!), limit: 2, clock }));
    expect(second.members.map((m) => m.id)).toEqual([ids[4]!.toString()]);
    expect(second.next).toBeNull();

    const [anna, dimitris] = first.members;
    expect(anna).toMatchObject({ name: "Anna Test", source: "criteria" });
    expect(anna!.reasons).toEqual([{ condition: { type: "condition", field: "total_spent", op: "gt", value: 1500 }, actual: 1600, held: true }]);
    expect(dimitris!.reasons.map((r) => [r.condition.field, r.actual])).toEqual([["orders_count", 4]]);
    expect(second.members[0]).toMatchObject({ name: "Eleni Test", source: "manual", addedBy: "Maria", reasons: [] });

    const recomputes = await inShop(shop, (scope) => latestRecomputes(scope));
    expect(recomputes.get(group.id)).toMatchObject({ status: "done", added: 3 });
  });

  it("history lists the latest joins and leaves first, naming customers that still exist", async () => {
    const shop = await createShop();
    const ids = await addNamedCustomers(shop.merchant.id, [{ firstName: "Sara", lastName: "Ahmadi" }, { firstName: "Ivan", lastName: "Petrov" }]);
    const { group } = await newGroup(shop, { kind: "manual" });
    await inShop(shop, (scope) => addToGroup(scope, group.id, ids));
    await inShop(shop, (scope) => removeFromGroup(scope, group.id, [ids[0]!]));
    await inShop(shop, (scope) => deleteCustomers(scope, [ids[1]!]));
    const events = await inShop(shop, (scope) => membershipHistory(scope, group.id));
    expect(events.map((e) => [e.customerId, e.change, e.customerName])).toEqual([
      [ids[1]!.toString(), "left", null],
      [ids[0]!.toString(), "left", "Sara Ahmadi"],
      [ids[1]!.toString(), "joined", null],
      [ids[0]!.toString(), "joined", "Sara Ahmadi"],
    ]);
    expect(events[1]).toMatchObject({ reason: "manual", actor: "Maria" });
  });

  it("size over time is cumulative joins minus leaves per day of the shop's calendar", async () => {
    const shop = await createShop();
    const groupId = randomUUID();
    const clock = shopClock("Asia/Tehran", new Date("2026-12-05T10:30:00Z"));
    const events: Array<[string, "joined" | "left", number]> = [
      ["2026-01-01T08:00:00Z", "joined", 1],
      ["2026-01-01T09:00:00Z", "joined", 2],
      ["2026-01-02T09:00:00Z", "joined", 3],
      ["2026-02-01T09:00:00Z", "left", 1],
      ["2026-10-01T12:00:00Z", "left", 2],
      // 23:30 on the 4th in Tehran, and 00:30 on the 5th.
      ["2026-12-04T20:00:00Z", "joined", 4],
      ["2026-12-04T21:00:00Z", "joined", 5],
      // Tomorrow in Tehran: not part of the chart yet.
      ["2026-12-05T21:00:00Z", "joined", 6],
    ];
    await inShop(shop, ({ db }) =>
      db.groupMembershipEvent.createMany({
        data: events.map(([at, change, customer]) => ({ merchantId: shop.merchant.id, groupId, customerId: BigInt(customer), change, reason: "manual" as const, at: new Date(at) })),
      }),
    );
    // Another group's events do not count.
    await inShop(shop, ({ db }) => db.groupMembershipEvent.create({ data: { merchantId: shop.merchant.id, groupId: randomUUID(), customerId: 9n, change: "joined", reason: "manual", at: new Date("2026-12-01T10:00:00Z") } }));

    const sizes = await inShop(shop, (scope) => groupSizeOverTime(scope, groupId, { clock }));
    expect(sizes).toHaveLength(90);
    const at = (day: string) => sizes.find((s) => s.day === day)?.size;
    expect(sizes[0]).toEqual({ day: "2026-09-07", size: 2 });
    expect(at("2026-09-30")).toBe(2);
    expect(at("2026-10-01")).toBe(1);
    expect(at("2026-12-03")).toBe(1);
    expect(at("2026-12-04")).toBe(2);
    expect(sizes[89]).toEqual({ day: "2026-12-05", size: 3 });

    const week = await inShop(shop, (scope) => groupSizeOverTime(scope, groupId, { clock: shopClock("UTC", new Date("2026-12-05T10:30:00Z")), days: 3 }));
    expect(week).toEqual([
      { day: "2026-12-03", size: 1 },
      { day: "2026-12-04", size: 3 },
      // In UTC the last event falls on the 5th too.
      { day: "2026-12-05", size: 4 },
    ]);
  });

  it("finds customers by id or e-mail in this shop only, and names what it did not find", async () => {
    const shop = await createShop();
    const other = await createShop();
    const [a, b] = await addNamedCustomers(shop.merchant.id, [
      { firstName: "Nikos", lastName: "K", email: `nikos-${uniq()}@example.test` },
      { firstName: "Olga", lastName: "M" },
    ]);
    const [foreign] = await addNamedCustomers(other.merchant.id, [{ firstName: "Omar", lastName: "F" }]);
    const nikos = await inShop(shop, ({ db }) => db.customer.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id: a! } }));
    const found = await inShop(shop, (scope) => findCustomersByIdOrEmail(scope, `${nikos.email.toUpperCase()}, ${b}\n${foreign} nobody@example.test ${b}`));
    expect(found.ids.sort()).toEqual([a!, b!].sort());
    expect(found.missing).toEqual([String(foreign), "nobody@example.test"]);
  });

  it("the default group: pinned, else the first group by precedence the customer is in, else the shop's default", async () => {
    const shop = await createShop();
    const other = await createShop();
    const ids = await addNamedCustomers(shop.merchant.id, ["P", "Q", "R", "S"].map((firstName) => ({ firstName, lastName: "Default" })));
    const { group: late } = await newGroup(shop, { kind: "manual", sortOrder: 10 });
    const { group: early } = await newGroup(shop, { kind: "manual", sortOrder: 5 });
    const { group: fallback } = await newGroup(shop, { kind: "manual", sortOrder: 100, isDefault: true });
    const { group: foreign } = await newGroup(other, { kind: "manual" });
    await inShop(shop, (scope) => addToGroup(scope, late.id, [ids[0]!, ids[1]!]));
    await inShop(shop, (scope) => addToGroup(scope, early.id, [ids[0]!]));
    expect(await inShop(shop, (scope) => pinDefaultGroup(scope, ids[1]!, fallback.id))).toEqual({ ok: true });
    expect(await inShop(shop, (scope) => pinDefaultGroup(scope, ids[3]!, late.id))).toEqual({ ok: true });
    expect(await inShop(shop, (scope) => pinDefaultGroup(scope, ids[2]!, foreign.id))).toEqual({ ok: false, error: "groupNotFound" });
    expect(await inShop(other, (scope) => pinDefaultGroup(scope, ids[2]!, foreign.id))).toEqual({ ok: false, error: "customerNotFound" });

    const page = await inShop(shop, (scope) => listCustomers(scope, parseListQuery(new URLSearchParams("sort=name&dir=asc"))));
    const byName = Object.fromEntries(page.customers.map((c) => [c.firstName, c.defaultGroupId]));
    expect(byName).toEqual({ P: early.id, Q: fallback.id, R: fallback.id, S: late.id });

    await inShop(shop, (scope) => pinDefaultGroup(scope, ids[1]!, null));
    const again = await inShop(shop, (scope) => listCustomers(scope, parseListQuery(new URLSearchParams("sort=name&dir=asc"))));
    expect(again.customers.find((c) => c.firstName === "Q")?.defaultGroupId).toBe(late.id);
  });

  it("the live preview counts matches, and gives up on a count that takes too long without spoiling the request", async () => {
    const shop = await createShop();
    await inShop(shop, ({ db }) =>
      db.customer.createMany({ data: Array.from({ length: 5_000 }, (_, i) => ({ merchantId: shop.merchant.id, firstName: "P", lastName: String(i), email: `p${i}-${uniq()}@example.test` })) }),
    );
    const fine = await inShop(shop, (scope) => previewWithin(scope, { version: 1, root: { type: "condition", field: "has_no_orders", op: "is_true" } }));
    expect(fine).toMatchObject({ timedOut: false, count: 5_000 });
    expect(fine.timedOut === false && fine.sample).toHaveLength(10);
    // Customers sharing IP addresses is a correlated count per customer: far more than a millisecond for 5,000.
    const shared: Criteria = { version: 1, root: { type: "condition", field: "shared_ip_count", op: "gte", value: 0 } };
    const after = await inShop(shop, async (scope) => {
      const slow = await previewWithin(scope, shared, 1);
      return { slow, stillUsable: await scope.db.customer.count({ where: { merchantId: shop.merchant.id } }) };
    });
    expect(after).toEqual({ slow: { timedOut: true }, stillUsable: 5_000 });
  });
});
