import { describe, expect, it } from "vitest";
import { addNamedCustomers, createShop, uniq } from "../../../tests/factories";
import { createGroup } from "~/modules/groups/groups.server";
import { addToGroup, removeFromGroup } from "~/modules/groups/membership.server";
import { groupSchema } from "~/modules/groups/schemas";
import { withTenant } from "~/utils/db.server";
import { effectiveGroupIds, readAnswers, writeAnswers } from "./answers.server";
import { createField, deleteField, getField, updateField } from "./custom-fields.server";
import { customFieldSchema } from "./schemas";
import { customFieldsSchema, type FieldDefinition } from "./values";

type Shop = Awaited<ReturnType<typeof createShop>>;
const actor = { staffId: null, name: "Maria" };

function inShop<T>(shop: Shop, fn: (scope: { db: Parameters<Parameters<typeof withTenant>[1]>[0]; merchant: Shop["merchant"]; actor: typeof actor }) => Promise<T>) {
  return withTenant(shop.merchant.id, (db) => fn({ db, merchant: shop.merchant, actor }));
}

function definition(shop: Shop, input: Record<string, unknown>) {
  return customFieldSchema("en", { country: shop.merchant.country, timeZone: shop.merchant.timezone }).parse({ key: `f_${uniq()}`, name: { en: "Field" }, ...input });
}

async function newField(shop: Shop, input: Record<string, unknown>) {
  const created = await inShop(shop, (scope) => createField(scope, definition(shop, input)));
  if (!created.ok) throw new Error(created.error);
  return created.field;
}

const context = { country: "GR", timeZone: "Europe/Athens", lng: "en", groupIds: [] as string[] };

function check(field: FieldDefinition, value: unknown, groupIds: string[] = []) {
  const parsed = customFieldsSchema([field], { ...context, groupIds }).safeParse({ [field.key]: value });
  return parsed.success ? { value: parsed.data![field.key] } : { error: parsed.error.issues[0]!.message, path: parsed.error.issues[0]!.path };
}

const base: Omit<FieldDefinition, "type" | "key"> = {
  id: "00000000-0000-4000-8000-000000000001",
  name: { en: "F" },
  location: "account",
  requiredForAll: false,
  requiredGroupIds: [],
  minLength: null,
  maxLength: null,
  minValue: null,
  maxValue: null,
  pattern: null,
  patternMessage: {},
  placeholder: {},
  help: {},
  defaultValue: null,
  enabled: true,
  visibility: "everywhere",
  options: [
    { id: "00000000-0000-4000-8000-0000000000a1", label: { en: "Shoes", fa: "کفش" } },
    { id: "00000000-0000-4000-8000-0000000000a2", label: { en: "Bags", fa: "کیف" } },
  ],
};
const f = (type: FieldDefinition["type"], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ ...base, key: "k", type, ...extra });

describe("custom field answers: one validator for every boundary", () => {
  it.each([
    ["text", f("text", { minLength: 2, maxLength: 5 }), " ab ", "ab", "a", "tooShort"],
    ["text with the shop's pattern and message", f("text", { pattern: "[A-Z]{2}\\d{3}", patternMessage: { en: "Like AB123" } }), "AB123", "AB123", "ab12", 'fieldPatternOwn|{"text":"Like AB123"}'],
    ["textarea", f("textarea", { maxLength: 3 }), "abc", "abc", "abcd", "tooLong"],
    ["number in Persian digits", f("number", { minValue: 1, maxValue: 100 }), "۴۲٫۵", 42.5, "1000", 'tooBig|{"max":100}'],
    ["number that is not one", f("number"), "12", 12, "12abc", "number"],
    ["email", f("email"), "A@Example.COM", "a@example.com", "not-mail", "email"],
    ["phone in the shop's country", f("phone"), "6912345678", "+306912345678", "12", "phone"],
    ["url", f("url"), "https://example.com/x", "https://example.com/x", "javascript:alert(1)", "url"],
    ["date", f("date"), "2024-02-29", "2024-02-29", "2023-02-29", "date"],
    ["time", f("time"), "۰۹:۳۰", "09:30", "25:00", "time"],
    ["date-time in the shop's zone", f("datetime"), "2026-07-01T10:00", "2026-07-01T07:00:00.000Z", "2026-07-01", "datetime"],
    ["select by id", f("select"), "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "Hats", "choose"],
    ["radio by label in another language", f("radio"), "کفش", "00000000-0000-4000-8000-0000000000a1", "x", "choose"],
    ["checkbox, several", f("checkbox"), ["Bags", "shoes"], ["00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000a2"], ["Bags", "Hats"], "choose"],
    ["yes/no", f("yesno"), "نعم", true, "maybe", "yesNo"],
  ])("%s: accepts and normalizes a good value, rejects a bad one with its message", (_name, field, good, normalized, bad, error) => {
    expect(check(field, good)).toEqual({ value: normalized });
    const rejected = check(field, bad);
    expect(rejected).toMatchObject({ path: ["k"] });
    expect((rejected as { error: string }).error.split("|")[0]).toBe(error.split("|")[0]);
    if (error.includes("|")) expect((rejected as { error: string }).error).toBe(error);
  });

  it("empty answers clear; required ones are refused, for everyone or per group", () => {
    expect(check(f("text"), "  ")).toEqual({ value: null });
    expect(check(f("text", { requiredForAll: true }), "")).toMatchObject({ error: "required", path: ["k"] });
    const wholesale = "00000000-0000-4000-8000-00000000000w".replace("w", "f");
    const perGroup = f("select", { requiredGroupIds: [wholesale] });
    expect(check(perGroup, "")).toEqual({ value: null });
    expect(check(perGroup, "", [wholesale])).toMatchObject({ error: "required" });
    expect(check(f("checkbox", { requiredForAll: true }), [])).toMatchObject({ error: "required" });
  });

  it("the API's strict mode names an unknown key at its path", () => {
    const parsed = customFieldsSchema([f("text")], { ...context, strict: true }).safeParse({ k: "x", nope: 1 });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ["nope"], message: "unknownField" })]);
  });

  it("refuses a definition without options, with a broken pattern, or a default that is not a valid answer", () => {
    const schema = customFieldSchema("fa", { country: "IR", timeZone: "Asia/Tehran" });
    const issues = (input: Record<string, unknown>) => schema.safeParse({ key: "k", name: { fa: "نام" }, ...input }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ type: "select" })).toEqual([["options", "optionsRequired"]]);
    expect(issues({ type: "select", options: [{ label: { en: "x" } }] })).toEqual([["options.0.label.fa", "required"]]);
    expect(issues({ type: "text", pattern: "(" })).toEqual([["pattern", "patternInvalid"]]);
    expect(issues({ type: "number", defaultValue: "abc" })).toEqual([["defaultValue", "number"]]);
    expect(issues({ type: "number", minValue: 5, maxValue: 1 })).toEqual([["maxValue", "rangeOrder"]]);
    expect(schema.safeParse({ key: "Bad Key", name: { fa: "x" }, type: "text" }).error?.issues[0]?.message).toBe("fieldKey");
  });
});

describe("custom field definitions and stored answers", () => {
  it("stores each type in its column and reads it back", async () => {
    const shop = await createShop();
    const [anna] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Anna", lastName: "A" }]);
    const fields = [
      await newField(shop, { type: "number" }),
      await newField(shop, { type: "date" }),
      await newField(shop, { type: "datetime" }),
      await newField(shop, { type: "yesno" }),
      await newField(shop, { type: "checkbox", options: [{ label: { en: "A" } }, { label: { en: "B" } }] }),
      await newField(shop, { type: "time" }),
    ];
    const values = [12.25, "2020-01-31", "2026-01-01T10:00:00.000Z", false, [fields[4]!.options[1]!.id], "23:59"];
    await inShop(shop, (scope) => writeAnswers(scope.db, shop.merchant.id, fields.map((field, i) => ({ customerId: anna!, field, value: values[i]! }))));
    const read = await inShop(shop, (scope) => readAnswers(scope, shop.merchant.id, fields, [anna!]));
    expect(read.get(anna!)).toEqual(Object.fromEntries(fields.map((field, i) => [field.key, values[i]])));
    // Writing the same answers again changes nothing; clearing one removes its row.
    const same = await inShop(shop, (scope) => writeAnswers(scope.db, shop.merchant.id, fields.map((field, i) => ({ customerId: anna!, field, value: values[i]! }))));
    expect(same.size).toBe(0);
    await inShop(shop, (scope) => writeAnswers(scope.db, shop.merchant.id, [{ customerId: anna!, field: fields[0]!, value: null }]));
    expect((await inShop(shop, (scope) => readAnswers(scope, shop.merchant.id, fields, [anna!]))).get(anna!)![fields[0]!.key]).toBeUndefined();
  });

  it("renaming and reordering options keeps every stored answer; removing one that is held asks first", async () => {
    const shop = await createShop();
    const [anna, boris] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Anna", lastName: "A" }, { firstName: "Boris", lastName: "B" }]);
    const field = await newField(shop, { type: "select", options: [{ label: { en: "Shoes" } }, { label: { en: "Bags" } }, { label: { en: "Hats" } }] });
    const [shoes, bags, hats] = field.options;
    await inShop(shop, (scope) =>
      writeAnswers(scope.db, shop.merchant.id, [
        { customerId: anna!, field, value: bags!.id },
        { customerId: boris!, field, value: hats!.id },
      ]),
    );
    const renamed = definition(shop, { key: field.key, type: "select", options: [{ id: hats!.id, label: { en: "Caps" } }, { id: shoes!.id, label: { en: "Shoes" } }, { id: bags!.id, label: { en: "Handbags" } }] });
    const saved = await inShop(shop, (scope) => updateField(scope, field.id, renamed));
    expect(saved.ok && saved.field.options.map((o) => o.label.en)).toEqual(["Caps", "Shoes", "Handbags"]);
    const answers = await inShop(shop, (scope) => readAnswers(scope, shop.merchant.id, [field], [anna!, boris!]));
    expect([answers.get(anna!)![field.key], answers.get(boris!)![field.key]]).toEqual([bags!.id, hats!.id]);

    const withoutHats = definition(shop, { key: field.key, type: "select", options: [{ id: shoes!.id, label: { en: "Shoes" } }, { id: bags!.id, label: { en: "Handbags" } }] });
    expect(await inShop(shop, (scope) => updateField(scope, field.id, withoutHats))).toEqual({ ok: false, error: "confirmOptions", options: [{ id: hats!.id, label: "Caps", customers: 1 }] });
    expect((await inShop(shop, (scope) => getField(scope, field.id)))!.options).toHaveLength(3);
    expect(await inShop(shop, (scope) => updateField(scope, field.id, withoutHats, { confirm: true }))).toMatchObject({ ok: true });
    const after = await inShop(shop, (scope) => readAnswers(scope, shop.merchant.id, [field], [anna!, boris!]));
    expect([after.get(anna!)![field.key], after.get(boris!)![field.key]]).toEqual([bags!.id, undefined]);
  });

  it("changes a type only when every answer converts, and then converts them", async () => {
    const shop = await createShop();
    const [anna, boris] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Anna", lastName: "A" }, { firstName: "Boris", lastName: "B" }]);
    const field = await newField(shop, { type: "text" });
    await inShop(shop, (scope) =>
      writeAnswers(scope.db, shop.merchant.id, [
        { customerId: anna!, field, value: "42" },
        { customerId: boris!, field, value: "many" },
      ]),
    );
    const asNumber = definition(shop, { key: field.key, type: "number" });
    expect(await inShop(shop, (scope) => updateField(scope, field.id, asNumber))).toEqual({ ok: false, error: "typeChange", failed: 1, total: 2, example: "many" });
    expect((await inShop(shop, (scope) => getField(scope, field.id)))!.type).toBe("text");
    await inShop(shop, (scope) => writeAnswers(scope.db, shop.merchant.id, [{ customerId: boris!, field, value: "7.5" }]));
    expect(await inShop(shop, (scope) => updateField(scope, field.id, asNumber))).toMatchObject({ ok: true, field: { type: "number" } });
    const read = await inShop(shop, async (scope) => readAnswers(scope, shop.merchant.id, [(await getField(scope, field.id))!], [anna!, boris!]));
    expect([read.get(anna!)![field.key], read.get(boris!)![field.key]]).toEqual([42, 7.5]);
  });

  it("deleting a field with answers asks first and says how many customers hold them", async () => {
    const shop = await createShop();
    const [anna] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Anna", lastName: "A" }]);
    const field = await newField(shop, { type: "text" });
    await inShop(shop, (scope) => writeAnswers(scope.db, shop.merchant.id, [{ customerId: anna!, field, value: "x" }]));
    expect(await inShop(shop, (scope) => deleteField(scope, field.id))).toEqual({ ok: false, error: "confirm", customers: 1 });
    expect(await inShop(shop, (scope) => deleteField(scope, field.id, { confirm: true }))).toEqual({ ok: true });
    expect(await inShop(shop, (scope) => getField(scope, field.id))).toBeNull();
  });

  it("a key is unique in the shop and cannot be changed", async () => {
    const shop = await createShop();
    const field = await newField(shop, { type: "text" });
    expect(await inShop(shop, (scope) => createField(scope, definition(shop, { key: field.key, type: "text" })))).toEqual({ ok: false, error: "keyTaken", path: "key" });
    expect(await inShop(shop, (scope) => updateField(scope, field.id, definition(shop, { key: "other", type: "text" })))).toEqual({ ok: false, error: "keyFixed", path: "key" });
  });

  it("required-per-group follows the customer's groups as they change", async () => {
    const shop = await createShop();
    const [anna] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Anna", lastName: "A" }]);
    const wholesale = await inShop(shop, (scope) => createGroup(scope, groupSchema("en").parse({ name: { en: "Wholesale" }, kind: "manual" })));
    const field = await newField(shop, { type: "select", requiredGroupIds: [wholesale.group.id], options: [{ label: { en: "Shoes" } }] });
    const validate = async () => {
      const groupIds = await inShop(shop, (scope) => effectiveGroupIds(scope.db, shop.merchant.id, anna!));
      return customFieldsSchema([field], { ...context, groupIds }).safeParse({ [field.key]: "" }).success;
    };
    expect(await validate()).toBe(true);
    await inShop(shop, (scope) => addToGroup(scope, wholesale.group.id, [anna!]));
    expect(await validate()).toBe(false);
    await inShop(shop, (scope) => removeFromGroup(scope, wholesale.group.id, [anna!]));
    expect(await validate()).toBe(true);
  });
});
