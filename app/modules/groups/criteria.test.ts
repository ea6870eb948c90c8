import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createShop } from "../../../tests/factories";
import { Prisma } from "~/generated/prisma/client";
import { withTenant } from "~/utils/db.server";
import { writeAnswers } from "~/modules/custom-fields/answers.server";
import type { CustomFieldType, CustomValue, FieldDefinition } from "~/modules/custom-fields/values";
import { compileCriteria, criteriaFrom } from "./compile.server";
import { CriteriaSchema, dateFields, enumFields, numberFields, shopClock, textFields, type Clock, type CriteriaNode, type CustomAnswer, type CustomerFacts } from "./criteria";
import { customFieldIssues, customOperators } from "./custom-criteria";
import { evaluate, explain } from "./evaluate";
import { loadFacts } from "./facts.server";

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

/** One account field of every stored kind, with fixed ids so the generators can name them. */
const fieldId = (n: number) => `00000000-0000-4000-8000-0000000000f${n}`;
const optionId = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, "0")}`;
const customFields: Array<Pick<FieldDefinition, "id" | "key" | "name" | "location" | "type" | "options">> = (
  [["text", 0], ["number", 0], ["date", 0], ["datetime", 0], ["time", 0], ["select", 3], ["radio", 2], ["checkbox", 3], ["yesno", 0], ["email", 0]] as Array<[CustomFieldType, number]>
).map(([type, options], i) => ({
  id: fieldId(i),
  key: `cf_${type}`,
  name: { en: type },
  location: "account",
  type,
  options: Array.from({ length: options }, (_, j) => ({ id: optionId(10 * i + j + 10), label: { en: `${type} ${j}` } })),
}));
const fieldOf = (type: CustomFieldType) => customFields.find((f) => f.type === type)!;
const optionIds = (type: CustomFieldType) => fieldOf(type).options.map((o) => o.id);
const customTexts = ["Athens", "ΑΘΗΝΑ", "Москва", "تهران", "shoes", "Shoes & bags"];
const times = ["00:00", "08:30", "09:15", "12:00", "18:45", "23:59"];

/** A random answer to each field, or none. */
const answersArb = fc.record(
  {
    text: fc.constantFrom(...customTexts),
    number: fc.constantFrom(-5, 0, 1.5, 10, 42.25, 100, 1500.125),
    date: fc.integer({ min: -400, max: 60 }).map((d) => new Date(NOW.getTime() + d * DAY).toISOString().slice(0, 10)),
    datetime: dateBetween(NOW.getTime() - 400 * DAY, NOW.getTime() + 30 * DAY).map((d) => d.toISOString()),
    time: fc.constantFrom(...times),
    select: fc.constantFrom(...optionIds("select")),
    radio: fc.constantFrom(...optionIds("radio")),
    checkbox: fc.subarray(optionIds("checkbox"), { minLength: 1 }),
    yesno: fc.boolean(),
    email: fc.constantFrom("a@example.com", "b@mail.example", "ivan@pochta.example"),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Partial<Record<CustomFieldType, CustomValue>>>;

function answerOf(type: CustomFieldType, value: CustomValue): CustomAnswer {
  switch (type) {
    case "number":
      return { kind: "number", value: value as number };
    case "date":
      return { kind: "date", value: value as string };
    case "datetime":
      return { kind: "datetime", value: new Date(value as string) };
    case "yesno":
      return { kind: "bool", value: value as boolean };
    case "select":
    case "radio":
      return { kind: "options", value: [value as string] };
    case "checkbox":
      return { kind: "options", value: value as string[] };
    default:
      return { kind: "text", value: value as string };
  }
}

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
  .map(({ facts, ips: customerIps, domain }) => ({ facts: { ...facts, email: `@${domain}` }, ips: customerIps }))
  .chain((g) =>
    answersArb.map((answers) => ({
      ...g,
      facts: {
        ...g.facts,
        customFields: Object.fromEntries(Object.entries(answers).map(([type, value]) => [fieldOf(type as CustomFieldType).id, answerOf(type as CustomFieldType, value)])),
      },
    })),
  );

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
const customValue = (type: CustomFieldType, op: string): fc.Arbitrary<unknown> | null => {
  const ids = fieldOf(type).options.map((o) => o.id);
  if (["is_set", "is_not_set", "is_true", "is_false"].includes(op)) return null;
  if (op === "between") return fc.tuple(fc.constantFrom(-10, 0, 1.5, 10), fc.constantFrom(10, 42.25, 100, 2000));
  if (op === "within_last" || op === "not_within_last") return fc.integer({ min: 0, max: 500 });
  if (op === "in" || op === "not_in" || op.startsWith("has_")) {
    return ids.length > 0 ? fc.subarray([...ids, optionId(99)], { minLength: 1 }) : fc.array(fc.constantFrom("athens", "ΑΘΗΝΑ", "shoes", "a@example.com", "σ"), { minLength: 1, maxLength: 3 });
  }
  if (op === "before" || op === "after") {
    return type === "time" ? fc.constantFrom(...times) : fc.integer({ min: -420, max: 80 }).map((d) => new Date(NOW.getTime() + d * DAY).toISOString().slice(0, 10));
  }
  if (op === "contains" || op === "starts_with") return fc.constantFrom("ath", "ΑΘ", "моск", "shoes &", "example", "σ");
  if (type === "number") return fc.constantFrom(-5, 0, 1.5, 10, 42.25, 100, 1500.125);
  if (type === "time") return fc.constantFrom(...times);
  return fc.constantFrom("athens", "Αθηνα", "SHOES", "a@example.com", "تهران");
};
const anyOps = ["eq", "neq", "lt", "gte", "between", "contains", "starts_with", "in", "not_in", "has_any", "has_all", "has_none", "before", "after", "within_last", "not_within_last", "is_true", "is_false"];
/** Conditions on every field type with the operators the type takes, and one in five with any operator (and a value of another type). */
const customCondition = fc
  .tuple(fc.constantFrom(...customFields), fc.integer({ min: 0, max: 4 }), fc.constantFrom<CustomFieldType>("number", "text", "date", "time", "select", "checkbox"))
  .chain(([field, fits, valueType]) =>
    fc.constantFrom(...(fits > 0 ? customOperators[field.type] : anyOps)).chain((op) => {
      const value = customValue(fits > 0 ? field.type : valueType, op);
      const base = { type: "condition" as const, field: "custom_field" as const, fieldId: field.id, op };
      return value ? value.map((v) => ({ ...base, value: v })) : fc.constant(base);
    }),
  );
const conditionArb = fc.oneof(numberCondition, dateCondition, textCondition, enumCondition, otherCondition, customCondition, customCondition) as fc.Arbitrary<CriteriaNode>;

const treeOf = (leaf: fc.Arbitrary<CriteriaNode>): fc.Arbitrary<CriteriaNode> =>
  fc.letrec<{ node: CriteriaNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.record({ type: fc.constantFrom("and" as const, "or" as const), children: fc.array(tie("node"), { minLength: 1, maxLength: 4 }) }),
      fc.record({ type: fc.constant("not" as const), child: tie("node") }),
    ),
  })).node;
const treeArb = treeOf(conditionArb);
const customTreeArb = treeOf(customCondition as fc.Arbitrary<CriteriaNode>);

let shop: Shop;
let customers: Array<{ id: bigint; facts: CustomerFacts }>;
const clocks: Clock[] = ["UTC", "Asia/Tehran", "America/New_York", "Europe/Athens"].map((tz) => shopClock(tz, NOW));

beforeAll(async () => {
  shop = await createShop();
  await withTenant(shop.merchant.id, async (db) => {
    for (const [i, field] of customFields.entries()) {
      await db.customField.create({
        data: {
          merchantId: shop.merchant.id,
          id: field.id,
          key: field.key,
          name: field.name,
          type: field.type,
          sortOrder: i,
          options: { create: field.options.map((o, j) => ({ id: o.id, label: o.label, sortOrder: j })) },
        },
      });
    }
  });
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
        const answers = Object.entries(f.customFields).map(([id, a]) => {
          const field = customFields.find((x) => x.id === id)! as FieldDefinition;
          const value = a.kind === "datetime" ? a.value.toISOString() : field.type === "select" || field.type === "radio" ? (a.value as string[])[0]! : a.value;
          return { customerId: customer.id, field, value };
        });
        await writeAnswers(db, shop.merchant.id, answers);
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
  it.each([
    ["random trees", treeArb],
    ["random trees of custom-field conditions only", customTreeArb],
  ])("the SQL compiler and the in-process evaluator agree on 1,000 %s", async (_name, arb) => {
    let trees = 0;
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(arb, fc.constantFrom(...clocks), async (root, clock) => {
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

  it("loads every customer's custom field answers, by field id, as the evaluator reads them", async () => {
    const loaded = await withTenant(shop.merchant.id, (db) => loadFacts({ db, merchant: shop.merchant }, customers.map((c) => c.id)));
    for (const c of customers) expect(loaded.get(c.id)?.customFields).toEqual(c.facts.customFields);
    expect(customers.filter((c) => Object.keys(c.facts.customFields).length === 0).length).toBeLessThan(customers.length);
  });

  it("judges custom-field conditions against the shop's fields, at the path of the bad node", () => {
    const select = fieldOf("select");
    const node = (field: (typeof customFields)[number], op: string, value?: unknown) => ({ type: "condition", field: "custom_field", fieldId: field.id, op, ...(value === undefined ? {} : { value }) });
    const root = {
      type: "and",
      children: [
        node(select, "in", [select.options[1]!.id]),
        node(select, "in", [select.options[0]!.id, optionId(99)]),
        { type: "not", child: node(fieldOf("number"), "contains", "x") },
        node(fieldOf("date"), "before", "10:30"),
        node(fieldOf("time"), "after", "2026-01-01"),
        node(fieldOf("number"), "eq", "ten"),
        { ...node(select, "is_set"), fieldId: "00000000-0000-4000-8000-00000000dead" },
        node(fieldOf("yesno"), "is_true"),
      ],
    };
    expect(CriteriaSchema.safeParse({ version: 1, root }).success).toBe(true);
    expect(customFieldIssues(root, customFields)).toEqual([
      { path: ["root", "children", 1, "value", 1], message: "choose" },
      { path: ["root", "children", 2, "child", "op"], message: "groups:errors.customFieldOperator" },
      { path: ["root", "children", 3, "value"], message: "date" },
      { path: ["root", "children", 4, "value"], message: "time" },
      { path: ["root", "children", 5, "value"], message: "number" },
      { path: ["root", "children", 6, "fieldId"], message: "groups:errors.customFieldUnknown" },
    ]);
    // An address field's answers are not kept where criteria look, so it is not a field criteria can use.
    const address = { ...fieldOf("text"), location: "address" as const };
    expect(customFieldIssues(node(address, "is_set"), [address]).map((i) => i.message)).toEqual(["groups:errors.customFieldUnknown"]);
  });

  it("explains a custom-field condition with the customer's answer", () => {
    const select = fieldOf("select");
    const chose = customers.find((c) => c.facts.customFields[select.id]);
    expect(chose).toBeDefined();
    const answer = chose!.facts.customFields[select.id]!.value as string[];
    const root: CriteriaNode = { type: "condition", field: "custom_field", fieldId: select.id, op: "in", value: answer };
    expect(explain(root, chose!.facts, clocks[0]!)).toEqual([{ condition: root, actual: answer, held: true }]);
    expect(evaluate(root, { ...chose!.facts, customFields: {} }, clocks[0]!)).toBe(false);
    expect(evaluate({ type: "not", child: root }, { ...chose!.facts, customFields: {} }, clocks[0]!)).toBe(true);
  });

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
