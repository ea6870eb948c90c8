import { describe, expect, it } from "vitest";
import { addNamedCustomers, createShop, uniq } from "../../../tests/factories";
import { contextFor, settle } from "../../../tests/routes";
import { createGroup } from "~/modules/groups/groups.server";
import { addToGroup } from "~/modules/groups/membership.server";
import { groupSchema } from "~/modules/groups/schemas";
import { action as editAction, loader as editLoader } from "~/routes/m.$shop.customers.$id._index";
import { action as createAction, loader as createLoader } from "~/routes/m.$shop.customers.new";
import { withTenant } from "~/utils/db.server";
import { readAnswers } from "./answers.server";
import { createField } from "./custom-fields.server";
import { customFieldSchema } from "./schemas";
import type { FieldDefinition } from "./values";

type Shop = Awaited<ReturnType<typeof createShop>>;
const actor = { staffId: null, name: "Maria" };

const errorsOf = (answer: Awaited<ReturnType<typeof settle>>) => ((answer.data?.result as { error?: Record<string, string[]> } | undefined)?.error ?? {}) as Record<string, string[] | null>;

async function field(shop: Shop, input: Record<string, unknown>) {
  const parsed = customFieldSchema("en", { country: shop.merchant.country, timeZone: shop.merchant.timezone }).parse({ name: { en: `Field ${input.key}` }, ...input });
  const created = await withTenant(shop.merchant.id, (db) => createField({ db, merchant: shop.merchant, actor }, parsed));
  if (!created.ok) throw new Error(created.error);
  return created.field;
}

function form(values: Record<string, string | string[]>, base: Record<string, string> = {}) {
  const body = new FormData();
  const record = { intent: "save", firstName: "Eleni", lastName: "Nikolaou", email: `eleni-${uniq()}@example.test`, status: "active", approval: "approved", ...base };
  for (const [k, v] of Object.entries(record)) body.set(k, v);
  for (const [key, value] of Object.entries(values)) for (const v of Array.isArray(value) ? value : [value]) body.append(`customFields.${key}`, v);
  return body;
}

/** One field of every type, with rules to break. */
async function everyType(shop: Shop) {
  const options = [{ label: { en: "Shoes", el: "Παπούτσια" } }, { label: { en: "Bags", el: "Τσάντες" } }];
  const defs: Array<Record<string, unknown>> = [
    { key: "nickname", type: "text", minLength: 2, maxLength: 10 },
    { key: "about", type: "textarea", maxLength: 20 },
    { key: "size", type: "number", minValue: 30, maxValue: 50 },
    { key: "work_email", type: "email" },
    { key: "work_phone", type: "phone" },
    { key: "site", type: "url" },
    { key: "birthday", type: "date" },
    { key: "call_at", type: "time" },
    { key: "met_at", type: "datetime" },
    { key: "favourite", type: "select", options },
    { key: "channel", type: "radio", options },
    { key: "likes", type: "checkbox", options },
    { key: "vip", type: "yesno" },
    { key: "tax_no", type: "text", pattern: "[0-9]{9}", patternMessage: { en: "Nine digits" } },
  ];
  const fields: FieldDefinition[] = [];
  for (const d of defs) fields.push(await field(shop, d));
  return Object.fromEntries(fields.map((f) => [f.key, f])) as Record<string, FieldDefinition>;
}

describe("custom fields in the dashboard customer form", () => {
  it("accepts a good answer of every type on create, normalizes and stores it", async () => {
    const shop = await createShop({ language: "el" });
    const f = await everyType(shop);
    const context = await contextFor(shop.owner.id);
    const params = { shop: shop.merchant.slug };
    const good = {
      nickname: "Leni",
      about: "Likes boats",
      size: "۴۲", // Persian digits
      work_email: "Eleni@Example.TEST",
      work_phone: "210 123 4567",
      site: "https://example.test/eleni",
      birthday: "1990-04-05",
      call_at: "09:30",
      met_at: "2026-03-01T10:00",
      favourite: f.favourite!.options[1]!.id,
      channel: f.channel!.options[0]!.id,
      likes: [f.likes!.options[0]!.id, f.likes!.options[1]!.id],
      vip: "true",
      tax_no: "123456789",
    };
    const answer = await settle(createAction({ request: new Request(`http://localhost/m/${params.shop}/customers/new`, { method: "POST", body: form(good) }), params, context }));
    expect(answer.status, JSON.stringify(errorsOf(answer))).toBe(302);
    const id = BigInt(answer.response!.headers.get("Location")!.split("/").pop()!);
    const stored = (await withTenant(shop.merchant.id, (db) => readAnswers({ db }, shop.merchant.id, Object.values(f), [id]))).get(id);
    expect(stored).toEqual({
      nickname: "Leni",
      about: "Likes boats",
      size: 42,
      work_email: "eleni@example.test",
      work_phone: "+302101234567",
      site: "https://example.test/eleni",
      birthday: "1990-04-05",
      call_at: "09:30",
      met_at: "2026-03-01T08:00:00.000Z", // Athens is UTC+2 in March
      favourite: f.favourite!.options[1]!.id,
      channel: f.channel!.options[0]!.id,
      likes: [f.likes!.options[0]!.id, f.likes!.options[1]!.id],
      vip: true,
      tax_no: "123456789",
    });

    // The edit page shows the answers as the inputs hold them.
    const page = await settle(editLoader({ request: new Request(`http://localhost/m/${params.shop}/customers/${id}`), params: { ...params, id: String(id) }, context }));
    const customer = page.data!.customer as { customFields: Record<string, unknown> };
    expect(customer.customFields).toMatchObject({ size: "42", met_at: "2026-03-01T10:00", vip: "true", likes: [f.likes!.options[0]!.id, f.likes!.options[1]!.id] });
  });

  it("refuses a bad answer of every type with its message at the field, and saves nothing", async () => {
    const shop = await createShop({ language: "el" });
    const f = await everyType(shop);
    const context = await contextFor(shop.owner.id);
    const params = { shop: shop.merchant.slug };
    const bad = {
      nickname: "L",
      about: "x".repeat(21),
      size: "29",
      work_email: "not-an-email",
      work_phone: "12",
      site: "ftp://example.test",
      birthday: "1990-02-30",
      call_at: "25:00",
      met_at: "yesterday",
      favourite: "00000000-0000-4000-8000-000000000000",
      channel: "Hats",
      likes: [f.likes!.options[0]!.id, "nope"],
      vip: "maybe",
      tax_no: "12345",
    };
    const answer = await settle(createAction({ request: new Request(`http://localhost/m/${params.shop}/customers/new`, { method: "POST", body: form(bad) }), params, context }));
    expect(answer.status).toBe(400);
    const errors = errorsOf(answer);
    const first = (key: string) => errors[`customFields.${key}`]?.[0]?.split(/[\s|{]/)[0];
    expect({
      nickname: first("nickname"),
      about: first("about"),
      size: first("size"),
      work_email: first("work_email"),
      work_phone: first("work_phone"),
      site: first("site"),
      birthday: first("birthday"),
      call_at: first("call_at"),
      met_at: first("met_at"),
      favourite: first("favourite"),
      channel: first("channel"),
      likes: first("likes"),
      vip: first("vip"),
      tax_no: first("tax_no"),
    }).toEqual({
      nickname: "tooShort",
      about: "tooLong",
      size: "tooSmall",
      work_email: "email",
      work_phone: "phone",
      site: "url",
      birthday: "date",
      call_at: "time",
      met_at: "datetime",
      favourite: "choose",
      channel: "choose",
      likes: "choose",
      vip: "yesNo",
      tax_no: "fieldPatternOwn",
    });
    expect(errors["customFields.tax_no"]![0]).toContain("Nine digits");
    expect(await withTenant(shop.merchant.id, (db) => db.customer.count({ where: { merchantId: shop.merchant.id } }))).toBe(0);
  });

  it("requires a field for wholesale customers only, and for new customers when the default group requires it", async () => {
    const shop = await createShop({ language: "fa" });
    const scope = { merchant: shop.merchant, actor };
    const [wholesale, retail] = await withTenant(shop.merchant.id, async (db) => [
      await createGroup({ ...scope, db }, groupSchema("en").parse({ name: { en: "Wholesale", fa: "عمده‌فروشی" }, kind: "manual" })),
      await createGroup({ ...scope, db }, groupSchema("en").parse({ name: { en: "Retail", fa: "خرده‌فروشی" }, kind: "manual", isDefault: true })),
    ]);
    const kind = await field(shop, { key: "product_kind", type: "select", requiredGroupIds: [wholesale!.group.id], options: [{ label: { en: "Shoes", fa: "کفش" } }] });
    const [ali, sara] = await addNamedCustomers(shop.merchant.id, [
      { firstName: "Ali", lastName: "Wholesale" },
      { firstName: "Sara", lastName: "Retail" },
    ]);
    await withTenant(shop.merchant.id, async (db) => {
      await addToGroup({ ...scope, db }, wholesale!.group.id, [ali!]);
      await addToGroup({ ...scope, db }, retail!.group.id, [sara!]);
    });
    const context = await contextFor(shop.owner.id);
    const save = (id: bigint, values: Record<string, string>) =>
      settle(
        editAction({
          request: new Request(`http://localhost/m/${shop.merchant.slug}/customers/${id}`, { method: "POST", body: form(values, { firstName: "X", lastName: "Y" }) }),
          params: { shop: shop.merchant.slug, id: String(id) },
          context,
        }),
      );

    const refused = await save(ali!, { product_kind: "" });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused)["customFields.product_kind"]).toEqual(["required"]);
    const page = await settle(editLoader({ request: new Request("http://localhost/"), params: { shop: shop.merchant.slug, id: String(ali) }, context }));
    expect((page.data!.accountFields as { groupIds: string[] }).groupIds).toEqual([wholesale!.group.id]);

    expect((await save(sara!, { product_kind: "" })).data).toMatchObject({ saved: true });
    expect((await save(ali!, { product_kind: "کفش" })).data).toMatchObject({ saved: true });
    const stored = await withTenant(shop.merchant.id, (db) => readAnswers({ db }, shop.merchant.id, [kind], [ali!, sara!]));
    expect(stored.get(ali!)).toEqual({ product_kind: kind.options[0]!.id });
    expect(stored.get(sara!)).toEqual({});

    // A new customer is held to the default group's requirements: Retail, so nothing is required…
    const params = { shop: shop.merchant.slug };
    const create = () => settle(createAction({ request: new Request("http://localhost/", { method: "POST", body: form({}) }), params, context }));
    expect((await create()).status).toBe(302);
    expect(((await settle(createLoader({ request: new Request("http://localhost/"), params, context }))).data!.customFields as { groupIds: string[] }).groupIds).toEqual([retail!.group.id]);
    // …until Wholesale becomes the default group.
    await withTenant(shop.merchant.id, (db) => db.customerGroup.update({ where: { merchantId_id: { merchantId: shop.merchant.id, id: retail!.group.id } }, data: { isDefault: false } }));
    await withTenant(shop.merchant.id, (db) => db.customerGroup.update({ where: { merchantId_id: { merchantId: shop.merchant.id, id: wholesale!.group.id } }, data: { isDefault: true } }));
    const again = await create();
    expect(again.status).toBe(400);
    expect(errorsOf(again)["customFields.product_kind"]).toEqual(["required"]);
  });

  it("validates and stores address fields in the address, and clears an answer left empty on edit", async () => {
    const shop = await createShop({ language: "el" });
    const floor = await field(shop, { key: "floor", type: "number", location: "address", minValue: 0, maxValue: 99, requiredForAll: true });
    const lift = await field(shop, { key: "lift", type: "yesno", location: "address" });
    const [eleni] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Eleni", lastName: "N" }]);
    const context = await contextFor(shop.owner.id);
    const params = { shop: shop.merchant.slug, id: String(eleni) };
    const post = (values: Record<string, string>, extra: Record<string, string> = {}) => {
      const body = new FormData();
      const record = { intent: "address-add", firstName: "Eleni", lastName: "N", line1: "Odos 1", city: "Athina", postcode: "10558", country: "GR", ...extra };
      for (const [k, v] of Object.entries(record)) body.set(k, v);
      for (const [k, v] of Object.entries(values)) body.set(`customFields.${k}`, v);
      return settle(editAction({ request: new Request("http://localhost/", { method: "POST", body }), params, context }));
    };
    expect(errorsOf(await post({ floor: "" }))["customFields.floor"]).toEqual(["required"]);
    expect(errorsOf(await post({ floor: "120" }))["customFields.floor"]?.[0]).toMatch(/^tooBig/);
    expect((await post({ floor: "3", lift: "false" })).data).toMatchObject({ saved: true });
    const address = await withTenant(shop.merchant.id, (db) => db.address.findFirstOrThrow({ where: { merchantId: shop.merchant.id, customerId: eleni! } }));
    expect(address.customFields).toEqual({ floor: 3, lift: false });

    const page = await settle(editLoader({ request: new Request("http://localhost/"), params, context }));
    const [shown] = page.data!.addresses as Array<{ answers: Record<string, unknown>; customFields: Record<string, unknown> }>;
    expect(shown!.answers).toEqual({ floor: 3, lift: false });
    expect(shown!.customFields).toEqual({ [floor.key]: "3", [lift.key]: "false" });

    expect((await post({ floor: "4" }, { intent: "address-update", addressId: String(address.id) })).data).toMatchObject({ saved: true });
    const updated = await withTenant(shop.merchant.id, (db) => db.address.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id: address.id } }));
    expect(updated.customFields).toEqual({ floor: 4 });
  });
});
