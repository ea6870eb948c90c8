import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createShop } from "../../../tests/factories";
import { Prisma } from "~/generated/prisma/client";
import { withTenant } from "~/utils/db.server";
import { compileCriteria, criteriaFrom } from "./compile.server";
import { CriteriaSchema, dateFields, enumFields, numberFields, shopClock, textFields, type Clock, type CriteriaNode, type CustomerFacts } from "./criteria";
import { evaluate, explain } from "./evaluate";

type Shop = Awaited<ReturnType<typeof createShop>>;

const NOW = new Date("2026-12-05T10:30:00Z");
const DAY = 86_400_000;
const cities = ["Athens", "ΑΘΗΝΑ", "Москва", "Тегеран", "تهران", "Riyadh", "thessaloniki", "ΠΑΤΡΑΣ"];
const products = ["SKU-1", "SKU-2", "sku-1"];
const ips = ["198.51.100.1", "198.51.100.2", "198.51.100.3", "203.0.113.9"];

interface Generated {
  facts: CustomerFacts;
  ips: string[];
}

const dateBetween = (from: number, to: number) => fc.integer({ min: from, max: to }).map((t) => new Date(Math.floor(t / 1000) * 1000));
const birthDate = fc.oneof(
  fc.constant(null),
  fc.constantFrom("2000-02-29", "1996-12-05", "1990-12-06", "1985-01-01", "2004-12-31"),
  fc.date({ min: new Date("1940-01-01"), max: new Date("2010-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

const customerArb: fc.Arbitrary<Generated> = fc
  .record({
    ordersCount: fc.integer({ min: 0, max: 15 }),
    completedCount: fc.integer({ min: 0, max: 10 }),
    cancelledCount: fc.integer({ min: 0, max: 5 }),
    totalSpentCents: fc.integer({ min: 0, max: 300_000 }),
    avgOrderValueCents: fc.integer({ min: 0, max: 50_000 }),
    firstOrderAt: fc.option(dateBetween(NOW.getTime() - 900 * DAY, NOW.getTime()), { nil: null }),
    lastOrderAt: fc.option(dateBetween(NOW.getTime() - 200 * DAY, NOW.getTime()), { nil: null }),
    lastRating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    gender: fc.option(fc.constantFrom("female", "male", "other"), { nil: null }),
    birthDate,
    createdAt: dateBetween(NOW.getTime() - 1000 * DAY, NOW.getTime() - 1000),
    status: fc.constantFrom("active", "inactive", "blocked"),
    approval: fc.constantFrom("approved", "pending", "denied"),
    newsletter: fc.boolean(),
    locale: fc.option(fc.constantFrom("en", "el", "ru", "ar", "fa"), { nil: null }),
    domain: fc.constantFrom("example.com", "Mail.Example", "pochta.example", "gmail.test"),
    address: fc.option(
      fc.record({
        country: fc.constantFrom("GR", "RU", "IR", "SA"),
        region: fc.option(fc.constantFrom("Attica", "Tehran", "Ρέθυμνο"), { nil: null }),
        city: fc.constantFrom(...cities),
        postcode: fc.option(fc.constantFrom("105 57", "10557", "11369-12345", "101000"), { nil: null }),
      }),
      { nil: null },
    ),
    ips: fc.subarray(ips, { maxLength: 2 }),
    purchases: fc.array(
      fc.record({ productRef: fc.constantFrom(...products), quantity: fc.integer({ min: 1, max: 4 }), at: dateBetween(NOW.getTime() - 400 * DAY, NOW.getTime() - 1000) }),
      { maxLength: 3 },
    ),
  })
  .map(({ domain, ips: customerIps, ...f }) => ({
    facts: { ...f, email: "", sharedIpCount: 0 } as CustomerFacts & { domain?: string },
    ips: customerIps,
    domain,
  }))
  .map(({ facts, ips: customerIps, domain }) => ({ facts: { ...facts, email: `@${domain}` }, ips: customerIps }));

const numberCondition = fc.oneof(
  fc.record({ type: fc.constant("condition" as const), field: fc.constantFrom(...numberFields), op: fc.constantFrom("eq", "neq", "lt", "lte", "gt", "gte"), value: fc.oneof(fc.integer({ min: -1, max: 20 }), fc.constantFrom(0.5, 10.25, 100, 1500, 2999.99)) }),
  fc.record({ type: fc.constant("condition" as const), field: fc.constantFrom(...numberFields), op: fc.constant("between"), value: fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 10, max: 3000 })) }),
  fc.record({ type: fc.constant("condition" as const), field: fc.constantFrom(...numberFields), op: fc.constantFrom("is_set", "is_not_set") }),
);
const dateCondition = fc.oneof(
  fc.record({ type: fc.constant("condition" as const), field: fc.constantFrom(...dateFields), op: fc.constantFrom("within_last", "not_within_last"), value: fc.integer({ min: 0, max: 800 }) }),
  fc.record({ type: fc.constant("condition" as const), field: fc.constantFrom(...dateFields), op: fc.constantFrom("before", "after"), value: fc.date({ min: new Date("2024-01-01"), max: new Date("2026-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) }),
  fc.record({ type: fc.constant("condition" as const), field: fc.constantFrom(...dateFields), op: fc.constantFrom("is_set", "is_not_set") }),
);
const textValue = fc.constantFrom("athens", "Αθηνα", "αθηνα", "МОСКВА", "تهران", "gr", "GR", "105", "Att", "example.com", "mail.example", "ρέθυμνο", "πατρασ");
const textCondition = fc.oneof(
  fc.record({ type: fc.constant("condition" as const), field: fc.constantFrom(...textFields), op: fc.constantFrom("eq", "neq", "contains", "starts_with"), value: textValue }),
  fc.record({ type: fc.constant("condition" as const), field: fc.constantFrom(...textFields), op: fc.constantFrom("in", "not_in"), value: fc.array(textValue, { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant("condition" as const), field: fc.constantFrom(...textFields), op: fc.constantFrom("is_set", "is_not_set") }),
);
const enumCondition = fc.constantFrom(...(Object.keys(enumFields) as Array<keyof typeof enumFields>)).chain((field) => {
  const values = enumFields[field] as readonly string[];
  return fc.oneof(
    fc.record({ type: fc.constant("condition" as const), field: fc.constant(field), op: fc.constantFrom("eq", "neq"), value: fc.constantFrom(...values) }),
    fc.record({ type: fc.constant("condition" as const), field: fc.constant(field), op: fc.constantFrom("in", "not_in"), value: fc.subarray([...values], { minLength: 1 }) }),
    fc.record({ type: fc.constant("condition" as const), field: fc.constant(field), op: fc.constantFrom("is_set", "is_not_set") }),
  );
});
const otherCondition = fc.oneof(
  fc.record({ type: fc.constant("condition" as const), field: fc.constantFrom("has_no_orders", "newsletter"), op: fc.constantFrom("is_true", "is_false") }),
  fc.record({ type: fc.constant("condition" as const), field: fc.constant("birthday"), op: fc.constant("within_next_days"), value: fc.integer({ min: 0, max: 366 }) }),
  fc.record({ type: fc.constant("condition" as const), field: fc.constant("birthday"), op: fc.constant("this_month") }),
  fc.record({ type: fc.constant("condition" as const), field: fc.constant("product"), op: fc.constantFrom("eq", "neq", "lt", "lte", "gt", "gte"), product: fc.constantFrom(...products), value: fc.integer({ min: 0, max: 6 }), withinDays: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }) }),
);
const conditionArb = fc.oneof(numberCondition, dateCondition, textCondition, enumCondition, otherCondition) as fc.Arbitrary<CriteriaNode>;

const treeArb: fc.Arbitrary<CriteriaNode> = fc.letrec<{ node: CriteriaNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    conditionArb,
    fc.record({ type: fc.constantFrom("and" as const, "or" as const), children: fc.array(tie("node"), { minLength: 1, maxLength: 4 }) }),
    fc.record({ type: fc.constant("not" as const), child: tie("node") }),
  ),
})).node;

let shop: Shop;
let customers: Array<{ id: bigint; facts: CustomerFacts }>;
const clocks: Clock[] = ["UTC", "Asia/Tehran", "America/New_York", "Europe/Athens"].map((tz) => shopClock(tz, NOW));

beforeAll(async () => {
  shop = await createShop();
  const generated = fc.sample(customerArb, { numRuns: 60, seed: 20261205 });
  customers = await withTenant(
    shop.merchant.id,
    async (db) => {
      const rows: Array<{ id: bigint; facts: CustomerFacts }> = [];
      for (const [i, g] of generated.entries()) {
        const f = g.facts;
        const customer = await db.customer.create({
          data: {
            merchantId: shop.merchant.id,
            firstName: "P",
            lastName: String(i),
            email: `p${i}${f.email}`,
            gender: f.gender as "female" | "male" | "other" | null,
            birthDate: f.birthDate ? new Date(`${f.birthDate}T00:00:00Z`) : null,
            status: f.status as "active",
            approval: f.approval as "approved",
            newsletter: f.newsletter,
            locale: f.locale,
            createdAt: f.createdAt,
          },
        });
        if (f.address) await db.address.create({ data: { merchantId: shop.merchant.id, customerId: customer.id, firstName: "P", lastName: "Q", line1: "1", isDefault: true, ...f.address } });
        for (const ip of g.ips) await db.customerIp.create({ data: { merchantId: shop.merchant.id, customerId: customer.id, ip } });
        for (const [j, p] of f.purchases.entries()) {
          await db.order.create({
            data: { merchantId: shop.merchant.id, customerId: customer.id, number: `P${i}-${j}`, status: "completed", total: 1, currency: "USD", createdAt: p.at, items: { create: [{ productRef: p.productRef, name: "x", quantity: p.quantity, price: 1 }] } },
          });
        }
        // Statistics are set after the orders, so the random values (not the trigger's) are what both sides read.
        await db.customerStats.update({
          where: { merchantId_customerId: { merchantId: shop.merchant.id, customerId: customer.id } },
          data: {
            ordersCount: f.ordersCount,
            completedCount: f.completedCount,
            cancelledCount: f.cancelledCount,
            totalSpent: new Prisma.Decimal(f.totalSpentCents).div(100),
            avgOrderValue: new Prisma.Decimal(f.avgOrderValueCents).div(100),
            firstOrderAt: f.firstOrderAt,
            lastOrderAt: f.lastOrderAt,
            lastRating: f.lastRating,
          },
        });
        rows.push({ id: customer.id, facts: { ...f, email: `p${i}${f.email}`.toLowerCase() } });
      }
      return rows;
    },
    { timeout: 60_000 },
  );
  // Shared-IP counts follow from who used which IP.
  for (const [i, row] of customers.entries()) {
    const mine = new Set(generated[i]!.ips);
    row.facts.sharedIpCount = customers.filter((_, j) => j !== i && generated[j]!.ips.some((ip) => mine.has(ip))).length;
  }
});

async function sqlMatches(root: CriteriaNode, clock: Clock) {
  const rows = await withTenant(shop.merchant.id, (db) =>
    db.$queryRaw<Array<{ id: bigint }>>`SELECT c.id FROM ${criteriaFrom} WHERE c.merchant_id = ${shop.merchant.id}::uuid AND ${compileCriteria(root, clock)} ORDER BY c.id`,
  );
  return rows.map((r) => r.id);
}

describe("criteria evaluators", () => {
  it("the SQL compiler and the in-process evaluator agree on 1,000 random trees", async () => {
    let trees = 0;
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(treeArb, fc.constantFrom(...clocks), async (root, clock) => {
        const parsed = CriteriaSchema.safeParse({ version: 1, root });
        if (!parsed.success) return; // out-of-bounds trees (too deep) are not valid criteria
        trees += 1;
        const expected = customers.filter((c) => evaluate(parsed.data.root, c.facts, clock)).map((c) => c.id);
        if (expected.length > 0 && expected.length < customers.length) nonTrivial += 1;
        expect(await sqlMatches(parsed.data.root, clock)).toEqual(expected);
      }),
      { numRuns: 1_000, seed: 42 },
    );
    expect(trees).toBeGreaterThan(900);
    // The generated data makes most trees split the customers, so agreement is not a coincidence of empty sets.
    expect(nonTrivial).toBeGreaterThan(300);
  }, 120_000);

  it("explains a membership with the customer's actual values", () => {
    const clock = clocks[0]!;
    const vip = customers.find((c) => c.facts.totalSpentCents > 150_000);
    expect(vip).toBeDefined();
    const root: CriteriaNode = {
      type: "or",
      children: [
        { type: "condition", field: "total_spent", op: "gt", value: 1500 },
        { type: "condition", field: "orders_count", op: "gt", value: 1000 },
      ],
    };
    expect(explain(root, vip!.facts, clock)).toEqual([
      { condition: root.children[0], actual: vip!.facts.totalSpentCents / 100, held: true },
    ]);
    const nobody = { ...vip!.facts, totalSpentCents: 0 };
    expect(explain(root, nobody, clock)).toEqual([]);
  });

  it("rejects bad criteria with the path of the bad node", () => {
    const result = CriteriaSchema.safeParse({
      version: 1,
      root: { type: "and", children: [{ type: "condition", field: "orders_count", op: "gt", value: 2 }, { type: "not", child: { type: "condition", field: "total_spent", op: "contains", value: "x" } }] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain("root.children.1.child.op");
  });
});
