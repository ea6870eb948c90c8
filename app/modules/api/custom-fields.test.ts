import { beforeAll, describe, expect, it } from "vitest";
import { uniq } from "../../../tests/factories";
import { fieldBody, typeCases } from "~/modules/custom-fields/fixtures";
import { parseMessage } from "~/modules/validation/messages";
import { prisma } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { getFixedT } from "~/utils/i18n.server";
import { CustomerList, CustomerResource, CustomFieldList, CustomFieldResource, ErrorResponse, ValidationErrorResponse } from "./resources";
import { client, shopWithKey, text } from "./test-client";

type Api = ReturnType<typeof client>;
type Result = Awaited<ReturnType<Api["get"]>>;

/** A message as the API shows it: translated in `lng`, numbers (but plural counts) in the reader's digits. */
async function shown(lng: string, raw: string) {
  const { key, params } = parseMessage(raw);
  const t = await getFixedT(lng as "fa", "validation");
  return t(key, Object.fromEntries(Object.entries(params).map(([n, v]) => [n, typeof v === "number" && n !== "count" ? formatNumber(lng, v) : v])));
}

function invalidAt(res: Result, paths: string[]) {
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 422 });
  const { errors } = ValidationErrorResponse.parse(res.body);
  expect(errors.map((e) => e.path).sort()).toEqual([...paths].sort());
  return errors;
}

const customer = (customFields?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  firstName: "Ada",
  lastName: "Lovelace",
  email: `ada-${uniq()}@example.test`,
  ...(customFields ? { customFields } : {}),
  ...extra,
});

/** A shop in Greece on Athens time, with a key whose client reads Persian. */
async function greekShop() {
  const made = await shopWithKey();
  await prisma.merchant.update({ where: { id: made.shop.merchant.id }, data: { country: "GR", timezone: "Europe/Athens" } });
  return { ...made, fa: client(made.key, { headers: { "Accept-Language": "fa" } }) };
}

async function newField(api: Api, body: Record<string, unknown>) {
  const res = await api.post("/custom-fields", body);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return CustomFieldResource.parse(res.body);
}

describe("custom fields in the JSON API", () => {
  let shop: Awaited<ReturnType<typeof greekShop>>;
  /** Option ids by English label, per field key. */
  let ids: Record<string, Record<string, string>>;

  beforeAll(async () => {
    shop = await greekShop();
    for (const c of typeCases) await newField(shop.api, fieldBody(c));
    const list = CustomFieldList.parse((await shop.api.get("/custom-fields")).body);
    ids = Object.fromEntries(list.data.map((f) => [f.key, Object.fromEntries(f.options.map((o) => [o.label.en!, o.id]))]));
  });

  it("lists the definitions with their options' ids and labels; another shop sees none of them", async () => {
    const res = await shop.api.get("/custom-fields");
    expect(res.status).toBe(200);
    const { data } = CustomFieldList.parse(res.body);
    expect(data.map((f) => f.key)).toEqual(typeCases.map((c) => c.key));
    expect(data.find((f) => f.key === "interests")).toMatchObject({
      type: "checkbox",
      location: "account",
      options: [{ label: { en: "Shoes", fa: "کفش" } }, { label: { en: "Bags", fa: "کیف" } }],
    });
    const one = data.find((f) => f.key === "shoe_size")!;
    expect((await shop.api.get(`/custom-fields/${one.id}`)).body).toMatchObject({ key: "shoe_size", minValue: 1, maxValue: 100 });

    const other = await shopWithKey("Other");
    expect(CustomFieldList.parse((await other.api.get("/custom-fields")).body).data).toEqual([]);
    for (const res of [await other.api.get(`/custom-fields/${one.id}`), await other.api.patch(`/custom-fields/${one.id}`, { enabled: false }), await other.api.delete(`/custom-fields/${one.id}`)]) {
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 404, code: "not_found" });
    }
    // A customer of the other shop cannot answer this shop's fields.
    invalidAt(await other.api.post("/customers", customer({ shoe_size: 40 })), ["customFields.shoe_size"]);
    expect((await shop.api.get(`/custom-fields/${one.id}`)).body.enabled).toBe(true);
  });

  it.each(typeCases.map((c) => [c.definition.type as string, c] as const))(
    "%s: a good answer is stored normalized and read back; a bad one is 422 at customFields.<key> in the reader's language",
    async (_type, c) => {
      const created = await shop.fa.post("/customers", customer({ [c.key]: c.good }));
      expect({ status: created.status, body: created.body }).toMatchObject({ status: 201 });
      const body = CustomerResource.parse(created.body);
      expect(body.customFields[c.key]).toEqual(c.stored(ids[c.key]!));
      expect(CustomerResource.parse((await shop.api.get(`/customers/${body.id}`)).body).customFields[c.key]).toEqual(c.stored(ids[c.key]!));

      const [error] = invalidAt(await shop.fa.post("/customers", customer({ [c.key]: c.bad })), [`customFields.${c.key}`]);
      expect(error!.message).toBe(await shown("fa", c.error("fa")));
      const [onUpdate] = invalidAt(await shop.fa.patch(`/customers/${body.id}`, { customFields: { [c.key]: c.bad } }), [`customFields.${c.key}`]);
      expect(onUpdate!.message).toBe(error!.message);
    },
  );

  it("returns every enabled field in get and list (null when unanswered) and accepts option ids as well as labels", async () => {
    const { favourite, interests } = { favourite: ids.favourite!, interests: ids.interests! };
    const created = CustomerResource.parse((await shop.api.post("/customers", customer({ favourite: favourite.Shoes, interests: [interests.Bags, "Shoes"], wholesale: false }))).body);
    expect(Object.keys(created.customFields).sort()).toEqual(typeCases.map((c) => c.key).sort());
    expect(created.customFields).toMatchObject({ favourite: favourite.Shoes, interests: [interests.Shoes, interests.Bags], wholesale: false, nickname: null });
    const list = CustomerList.parse((await shop.api.get(`/customers?q=${encodeURIComponent(created.email)}`)).body);
    expect(list.data.map((c) => [c.id, c.customFields.favourite, c.customFields.wholesale])).toEqual([[created.id, favourite.Shoes, false]]);
  });

  it("refuses a key that is not an enabled field (422 at its path) together with the record's own errors", async () => {
    const errors = invalidAt(await shop.fa.post("/customers", customer({ nope: "x", shoe_size: "abc" }, { email: "not-mail" })), [
      "customFields.nope",
      "customFields.shoe_size",
      "email",
    ]);
    expect(errors.find((e) => e.path === "customFields.nope")!.message).toBe(text("fa", "validation", "unknownField"));
    invalidAt(await shop.api.post("/customers", customer(["not", "an", "object"] as unknown as Record<string, unknown>)), ["customFields"]);

    const disabled = await newField(shop.api, { key: `off_${uniq()}`.slice(0, 40), name: { en: "Off" }, type: "text", enabled: false });
    invalidAt(await shop.api.post("/customers", customer({ [disabled.key]: "x" })), [`customFields.${disabled.key}`]);
    const created = CustomerResource.parse((await shop.api.post("/customers", customer())).body);
    expect(created.customFields).not.toHaveProperty(disabled.key);
  });
});

describe("required answers and partial updates", () => {
  it("requires per group: the default group for a new customer, the customer's groups later; PATCH changes only the keys given", async () => {
    const { api, fa } = await greekShop();
    const retail = (await api.post("/groups", { name: { en: "Retail" }, kind: "manual", isDefault: true })).body as { id: string };
    const wholesale = (await api.post("/groups", { name: { en: "Wholesale" }, kind: "manual" })).body as { id: string };
    await newField(api, { key: "vat", name: { en: "VAT number" }, type: "text", requiredGroupIds: [wholesale.id] });
    await newField(api, { key: "source", name: { en: "Source" }, type: "text", requiredGroupIds: [retail.id] });
    await newField(api, { key: "note", name: { en: "Note" }, type: "text" });

    const [missing] = invalidAt(await fa.post("/customers", customer({ vat: "" })), ["customFields.source"]);
    expect(missing!.message).toBe(text("fa", "validation", "required"));
    const created = CustomerResource.parse((await api.post("/customers", customer({ source: "fair", note: "hello" }))).body);
    expect(created.customFields).toEqual({ vat: null, source: "fair", note: "hello" });

    expect((await api.post(`/groups/${wholesale.id}/members`, { customerIds: [created.id] })).status).toBe(200);
    // In Wholesale only now: its requirement applies, the default group's no longer does.
    invalidAt(await api.patch(`/customers/${created.id}`, { customFields: { vat: null } }), ["customFields.vat"]);
    const renamed = await api.patch(`/customers/${created.id}`, { firstName: "Grace" });
    expect({ status: renamed.status, body: renamed.body }).toMatchObject({ status: 200 });
    expect(renamed.body.customFields).toEqual({ vat: null, source: "fair", note: "hello" });
    const answered = await api.patch(`/customers/${created.id}`, { customFields: { vat: "EL123", source: null } });
    expect(answered.body.customFields).toEqual({ vat: "EL123", source: null, note: "hello" });
    const partial = await api.patch(`/customers/${created.id}`, { customFields: { note: "" } });
    expect(partial.body.customFields).toEqual({ vat: "EL123", source: null, note: null });
  });

  it("addresses carry the address fields, validated the same way; PATCH keeps the answers not given", async () => {
    const { api, fa } = await greekShop();
    await newField(api, { key: "door_code", name: { en: "Door code" }, type: "text", location: "address", pattern: "\\d{4}" });
    await newField(api, { key: "floor", name: { en: "Floor" }, type: "number", location: "address" });
    await newField(api, { key: "nickname", name: { en: "Nickname" }, type: "text" });
    const owner = CustomerResource.parse((await api.post("/customers", customer())).body);
    expect(owner.customFields).toEqual({ nickname: null });

    const address = { firstName: "Ada", lastName: "Lovelace", line1: "Ermou 1", city: "Athens", country: "GR" };
    const errors = invalidAt(await fa.post(`/customers/${owner.id}/addresses`, { ...address, customFields: { door_code: "12", nickname: "x" } }), [
      "customFields.door_code",
      "customFields.nickname",
    ]);
    expect(errors.find((e) => e.path === "customFields.door_code")!.message).toBe(text("fa", "validation", "fieldPattern"));
    const created = await api.post(`/customers/${owner.id}/addresses`, { ...address, customFields: { door_code: "1234", floor: "3" } });
    expect(created.status).toBe(201);
    expect(created.body.customFields).toEqual({ door_code: "1234", floor: 3 });

    const path = `/customers/${owner.id}/addresses/${created.body.id}`;
    expect((await api.patch(path, { city: "Piraeus" })).body).toMatchObject({ city: "Piraeus", customFields: { door_code: "1234", floor: 3 } });
    expect((await api.patch(path, { customFields: { floor: null } })).body.customFields).toEqual({ door_code: "1234", floor: null });
    expect(CustomerResource.parse((await api.get(`/customers/${owner.id}`)).body).addresses[0]!.customFields).toEqual({ door_code: "1234", floor: null });
  });
});

describe("custom field definitions through the API", () => {
  it("creates, renames options without losing answers, and maps refusals to 409 and 422", async () => {
    const { api, fa } = await greekShop();
    const field = await newField(api, { key: "colour", name: { en: "Colour" }, type: "select", options: [{ label: { en: "Red" } }, { label: { en: "Blue" } }] });
    const [red, blue] = field.options;
    const dup = await api.post("/custom-fields", { key: "colour", name: { en: "Again" }, type: "text" });
    expect({ status: dup.status, error: ErrorResponse.parse(dup.body).error }).toMatchObject({ status: 409, error: { code: "conflict", path: "key" } });
    invalidAt(await api.post("/custom-fields", { key: "Bad Key", name: {}, type: "select" }), ["key", "name.en", "options"]);

    const answered = CustomerResource.parse((await api.post("/customers", customer({ colour: "Blue" }))).body);
    const renamed = await api.patch(`/custom-fields/${field.id}`, { name: { fa: "رنگ" }, options: [{ id: blue!.id, label: { en: "Navy" } }, { id: red!.id, label: { en: "Red" } }] });
    expect({ status: renamed.status, body: renamed.body }).toMatchObject({ status: 200 });
    expect(renamed.body).toMatchObject({ name: { en: "Colour", fa: "رنگ" }, options: [{ id: blue!.id, label: { en: "Navy" } }, { id: red!.id }] });
    expect((await api.get(`/customers/${answered.id}`)).body.customFields).toEqual({ colour: blue!.id });

    invalidAt(await api.patch(`/custom-fields/${field.id}`, { key: "hue" }), ["key"]);
    const [typeError] = invalidAt(await fa.patch(`/custom-fields/${field.id}?confirm=true`, { type: "number", options: [] }), ["type"]);
    expect(typeError!.message).toContain("Navy");

    const removing = await fa.patch(`/custom-fields/${field.id}`, { options: [{ id: red!.id, label: { en: "Red" } }] });
    expect({ status: removing.status, code: removing.body.error.code }).toEqual({ status: 409, code: "confirmation_required" });
    expect(removing.body.error.message).toContain("Navy (۱)");
    const confirmed = await api.patch(`/custom-fields/${field.id}?confirm=true`, { options: [{ id: red!.id, label: { en: "Red" } }] });
    expect(confirmed.body.options).toEqual([{ id: red!.id, label: { en: "Red" } }]);
    expect((await api.get(`/customers/${answered.id}`)).body.customFields).toEqual({ colour: null });

    await api.patch(`/customers/${answered.id}`, { customFields: { colour: "red" } });
    const refused = await api.delete(`/custom-fields/${field.id}`);
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 409, code: "confirmation_required" });
    expect((await api.delete(`/custom-fields/${field.id}?confirm=true`)).status).toBe(204);
    expect((await api.get(`/custom-fields/${field.id}`)).status).toBe(404);
    expect((await api.get(`/customers/${answered.id}`)).body.customFields).toEqual({});
  });
});
