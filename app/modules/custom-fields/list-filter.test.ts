import { describe, expect, it } from "vitest";
import { addNamedCustomers, createShop, uniq } from "../../../tests/factories";
import { countCustomers, listCustomers, matchingIds } from "~/modules/customers/list-customers.server";
import { parseListQuery } from "~/modules/customers/list-query";
import { readAsTenant, withTenant } from "~/utils/db.server";
import { writeAnswers } from "./answers.server";
import { createField } from "./custom-fields.server";
import { customFieldSchema } from "./schemas";
import type { CustomValue, FieldDefinition } from "./values";

type Shop = Awaited<ReturnType<typeof createShop>>;
const actor = { staffId: null, name: "Maria" };

async function field(shop: Shop, input: Record<string, unknown>) {
  const parsed = customFieldSchema("en", { country: shop.merchant.country, timeZone: shop.merchant.timezone }).parse({ name: { en: "Field" }, ...input });
  const created = await withTenant(shop.merchant.id, (db) => createField({ db, merchant: shop.merchant, actor }, parsed));
  if (!created.ok) throw new Error(created.error);
  return created.field;
}

/** 12 customers; customer i answers every field with a value derived from i (some leave fields empty). */
async function seed() {
  const shop = await createShop({ language: "el" });
  const ids = await addNamedCustomers(shop.merchant.id, Array.from({ length: 12 }, (_, i) => ({ firstName: `C${i}`, lastName: "Test" })));
  const tier = await field(shop, { key: "tier", type: "select", options: [{ label: { en: "Gold" } }, { label: { en: "Silver" } }, { label: { en: "Bronze" } }] });
  const hobbies = await field(shop, { key: "hobbies", type: "checkbox", options: [{ label: { en: "Chess" } }, { label: { en: "Golf" } }] });
  const vip = await field(shop, { key: "vip", type: "yesno" });
  const score = await field(shop, { key: "score", type: "number" });
  const since = await field(shop, { key: "since", type: "date" });
  const seen = await field(shop, { key: "seen", type: "datetime" });
  const company = await field(shop, { key: "company", type: "text" });
  const rows: Array<{ customerId: bigint; field: FieldDefinition; value: CustomValue | null }> = [];
  ids.forEach((customerId, i) => {
    rows.push({ customerId, field: tier, value: tier.options[i % 3]!.id });
    if (i % 2 === 0) rows.push({ customerId, field: hobbies, value: i % 4 === 0 ? [hobbies.options[0]!.id, hobbies.options[1]!.id] : [hobbies.options[1]!.id] });
    if (i < 8) rows.push({ customerId, field: vip, value: i % 2 === 0 });
    if (i % 3 !== 2) rows.push({ customerId, field: score, value: i * 10 });
    rows.push({ customerId, field: since, value: `2026-01-${String(1 + i).padStart(2, "0")}` });
    // 22:30 UTC is already the next day in Athens (the shop's zone in these tests).
    rows.push({ customerId, field: seen, value: `2026-03-${String(1 + i).padStart(2, "0")}T22:30:00.000Z` });
    rows.push({ customerId, field: company, value: i % 2 === 0 ? `Acme ${i}` : `Globex_${i}%` });
  });
  await withTenant(shop.merchant.id, (db) => writeAnswers(db, shop.merchant.id, rows));
  return { shop, ids, tier, hobbies };
}

const query = (params: Record<string, string>) => parseListQuery(new URLSearchParams(params));

describe("customer list filtered by custom fields", () => {
  it("filters by option, yes/no, number and date ranges and text, alone and together", async () => {
    const { shop, tier, hobbies } = await seed();
    expect(shop.merchant.timezone).toBe("Europe/Athens");
    const count = (params: Record<string, string>) => withTenant(shop.merchant.id, async (db) => (await countCustomers({ db, merchant: shop.merchant }, query(params))).count);
    expect(await count({})).toBe(12);
    expect(await count({ "cf.tier": tier.options[0]!.id })).toBe(4);
    expect(await count({ "cf.tier": tier.options[2]!.id.toUpperCase() })).toBe(4);
    expect(await count({ "cf.hobbies": hobbies.options[1]!.id })).toBe(6);
    expect(await count({ "cf.hobbies": hobbies.options[0]!.id })).toBe(3);
    expect(await count({ "cf.vip": "yes" })).toBe(4);
    expect(await count({ "cf.vip": "no" })).toBe(4);
    expect(await count({ "cf.score.min": "30" })).toBe(6); // 30, 40, 60, 70, 90, 100 (i % 3 === 2 has none)
    expect(await count({ "cf.score.min": "30", "cf.score.max": "60" })).toBe(3);
    expect(await count({ "cf.score.max": "۱۰" })).toBe(2); // Persian digits read as Latin ones: 0 and 10
    expect(await count({ "cf.since.from": "2026-01-03", "cf.since.to": "2026-01-05" })).toBe(3);
    expect(await count({ "cf.seen.from": "2026-03-02", "cf.seen.to": "2026-03-03" })).toBe(2); // local days 2 and 3 are i = 0 and 1
    expect(await count({ "cf.company.has": "acme" })).toBe(6);
    expect(await count({ "cf.company.has": "x_1" })).toBe(2); // Globex_1%, Globex_11%
    expect(await count({ "cf.company.has": "_1%" })).toBe(1); // wildcards are literal: only Globex_1%
    expect(await count({ "cf.company.is": "ACME 4" })).toBe(1);
    expect(await count({ "cf.tier": tier.options[0]!.id, "cf.vip": "yes" })).toBe(2); // i = 0, 6
    expect(await count({ "cf.tier": tier.options[0]!.id, status: "blocked" })).toBe(0);
  });

  it("counts a lone custom-field filter from the answers exactly as walking the customers does, on both read paths", async () => {
    const { shop, tier, hobbies } = await seed();
    const alone: Array<[Record<string, string>, number]> = [
      [{ "cf.tier": tier.options[1]!.id }, 4],
      [{ "cf.hobbies": hobbies.options[0]!.id }, 3],
      [{ "cf.vip": "no" }, 4],
      [{ "cf.score.min": "30", "cf.score.max": "60" }, 3],
      [{ "cf.since.from": "2026-01-03", "cf.since.to": "2026-01-05" }, 3],
      [{ "cf.seen.from": "2026-03-02", "cf.seen.to": "2026-03-03" }, 2],
      [{ "cf.company.has": "x_1" }, 2],
      [{ "cf.nothing": tier.options[0]!.id }, 0],
      [{ "cf.tier.min": "1" }, 0],
    ];
    for (const [params, expected] of alone) {
      const viaPrisma = await withTenant(shop.merchant.id, async (db) => ({
        shown: await countCustomers({ db, merchant: shop.merchant }, query(params)),
        walked: await countCustomers({ db, merchant: shop.merchant }, query(params), true),
      }));
      const lean = await readAsTenant(shop.merchant.id, (read) => countCustomers({ read, merchant: shop.merchant }, query(params)));
      expect(viaPrisma.walked.count, JSON.stringify(params)).toBe(expected);
      expect(viaPrisma.shown, JSON.stringify(params)).toEqual({ count: expected, capped: false });
      expect(lean, JSON.stringify(params)).toEqual({ count: expected, capped: false });
    }
  });

  it("matches nobody for an unknown field or an operator of another type, and drops malformed parameters", async () => {
    const { shop, tier } = await seed();
    const count = (params: Record<string, string>) => withTenant(shop.merchant.id, async (db) => (await countCustomers({ db, merchant: shop.merchant }, query(params))).count);
    expect(await count({ "cf.nothing": tier.options[0]!.id })).toBe(0);
    expect(await count({ "cf.tier.min": "1" })).toBe(0);
    expect(await count({ "cf.score": tier.options[0]!.id })).toBe(0);
    expect(query({ "cf.score.min": "ten", "cf.tier": "gold", "cf.Bad-Key": "yes", "cf.vip.max": "" }).customFields).toBeUndefined();
    expect(await count({ "cf.score.min": "ten" })).toBe(12);
  });

  it("pages through a filtered list and applies the filter to bulk selections of all matching", async () => {
    const { shop, ids, tier } = await seed();
    const option = tier.options[1]!.id;
    const expected = ids.filter((_, i) => i % 3 === 1).map(String);
    await withTenant(shop.merchant.id, async (db) => {
      const scope = { db, merchant: shop.merchant };
      const seenIds: string[] = [];
      let page = await listCustomers(scope, query({ "cf.tier": option, size: "25", sort: "name", dir: "asc" }));
      seenIds.push(...page.customers.map((c) => c.id));
      expect(page.next).toBeNull();
      expect(seenIds.sort()).toEqual([...expected].sort());
      const matched: bigint[] = [];
      for await (const batch of matchingIds(scope, query({ "cf.tier": option }), 2)) matched.push(...batch);
      expect(matched.map(String).sort()).toEqual([...expected].sort());
      page = await listCustomers(scope, query({ "cf.tier": option, size: "25", after: page.prev ?? "" }));
      expect(page.customers).toHaveLength(4);
    });
  });

  it("never matches another shop's answers to a field with the same key", async () => {
    const { tier } = await seed();
    const other = await createShop();
    await addNamedCustomers(other.merchant.id, [{ firstName: "Other", lastName: uniq() }]);
    await field(other, { key: "tier", type: "select", options: [{ label: { en: "Gold" } }] });
    const count = await withTenant(other.merchant.id, async (db) => (await countCustomers({ db, merchant: other.merchant }, query({ "cf.tier": tier.options[0]!.id }))).count);
    expect(count).toBe(0);
  });
});
