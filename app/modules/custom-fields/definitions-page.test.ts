import { describe, expect, it } from "vitest";
import { addNamedCustomers, addStaff, createShop } from "../../../tests/factories";
import { contextFor, settle } from "../../../tests/routes";
import { createGroup } from "~/modules/groups/groups.server";
import { groupSchema } from "~/modules/groups/schemas";
import { action as editAction, loader as editLoader } from "~/routes/m.$shop.custom-fields.$id";
import { loader as listLoader } from "~/routes/m.$shop.custom-fields._index";
import { action as newAction, loader as newLoader } from "~/routes/m.$shop.custom-fields.new";
import { withTenant } from "~/utils/db.server";
import { readAnswers, writeAnswers } from "./answers.server";
import { getField } from "./custom-fields.server";

type Shop = Awaited<ReturnType<typeof createShop>>;
type Fields = Array<[string, string]>;

const actor = { staffId: null, name: "Maria" };
const scopeOf = <T>(shop: Shop, fn: (scope: { db: Parameters<Parameters<typeof withTenant>[1]>[0]; merchant: Shop["merchant"]; actor: typeof actor }) => Promise<T>) =>
  withTenant(shop.merchant.id, (db) => fn({ db, merchant: shop.merchant, actor }));

/** The form as the browser sends it: the definition's inputs, options by index, group checkboxes repeated. */
function form(input: { key: string; type: string; name?: string; options?: Array<{ id?: string; en: string; fa?: string }>; extra?: Fields }): Fields {
  const replaced = new Set((input.extra ?? []).map(([name]) => name));
  const base: Fields = [
    ["key", input.key],
    ["type", input.type],
    ["location", "account"],
    ["name.en", input.name ?? "Favourite product type"],
    ["name.fa", "نوع محصول مورد علاقه"],
    ["name.el", ""],
    ["help.en", ""],
    ["sortOrder", "10"],
    ["enabled", "true"],
    ["visibility", "everywhere"],
    ["requiredMode", "none"],
    ...(input.options ?? []).flatMap((o, i): Fields => [
      [`options[${i}].id`, o.id ?? ""],
      [`options[${i}].label.en`, o.en],
      [`options[${i}].label.fa`, o.fa ?? ""],
    ]),
  ];
  return [...base.filter(([name]) => !replaced.has(name)), ...(input.extra ?? [])];
}

async function pageFor(shop: Shop) {
  const context = await contextFor(shop.owner.id);
  const params = { shop: shop.merchant.slug };
  const base = `http://localhost/m/${shop.merchant.slug}/custom-fields`;
  const post = (path: string, fields: Fields) => new Request(`${base}${path}`, { method: "POST", body: new URLSearchParams(fields) });
  return {
    create: (fields: Fields) => settle(newAction({ request: post("/new", fields), params, context })),
    edit: (id: string, fields: Fields) => settle(editAction({ request: post(`/${id}`, fields), params: { ...params, id }, context })),
    editPage: (id: string) => settle(editLoader({ request: new Request(`${base}/${id}`), params: { ...params, id }, context })),
    list: async () => (await settle(listLoader({ request: new Request(base), params, context }))).data.fields as Array<Record<string, unknown>>,
  };
}

async function fieldByKey(shop: Shop, key: string) {
  const row = await scopeOf(shop, ({ db }) => db.customField.findFirst({ where: { merchantId: shop.merchant.id, key } }));
  return (await scopeOf(shop, (scope) => getField(scope, row!.id)))!;
}

describe("custom field definitions page", () => {
  it("creates a select field required for one group, lists it, and refuses what the schema refuses, at the input", async () => {
    const shop = await createShop();
    const page = await pageFor(shop);
    const wholesale = await scopeOf(shop, (scope) => createGroup(scope, groupSchema("en").parse({ name: { en: "Wholesale" }, kind: "manual" })));
    const options = [{ en: "Shoes", fa: "کفش" }, { en: "Bags", fa: "کیف" }, { en: "Hats" }];

    const missing = await page.create(form({ key: "favourite_type", type: "select", name: "", options: [{ en: "" }] }));
    expect(missing.status).toBe(400);
    expect((missing.data.result as { error: Record<string, string[]> }).error).toMatchObject({ "name.en": ["required"], "options[0].label.en": ["required"] });

    const created = await page.create(
      form({ key: "favourite_type", type: "select", options, extra: [["requiredMode", "groups"], ["requiredGroupIds", wholesale.group.id]] }),
    );
    expect(created).toMatchObject({ status: 302, location: `/m/${shop.merchant.slug}/custom-fields?saved=1` });
    const field = await fieldByKey(shop, "favourite_type");
    expect(field).toMatchObject({ type: "select", requiredForAll: false, requiredGroupIds: [wholesale.group.id], enabled: true, name: { en: "Favourite product type", fa: "نوع محصول مورد علاقه" } });
    expect(field.options.map((o) => o.label)).toEqual([{ en: "Shoes", fa: "کفش" }, { en: "Bags", fa: "کیف" }, { en: "Hats" }]);

    expect(await page.list()).toEqual([
      expect.objectContaining({ key: "favourite_type", name: "Favourite product type", type: "select", requiredForAll: false, requiredGroups: ["Wholesale"], answers: 0, sortOrder: 10 }),
    ]);

    const taken = await page.create(form({ key: "favourite_type", type: "text" }));
    expect(taken.status).toBe(400);
    expect((taken.data.result as { error: Record<string, string[]> }).error).toEqual({ key: ["customFields:errors.keyTaken"] });
  });

  it("renames and reorders options keeping answers; removing held options asks with counts, then removes on confirm", async () => {
    const shop = await createShop();
    const page = await pageFor(shop);
    const [anna, boris] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Anna", lastName: "A" }, { firstName: "Boris", lastName: "B" }]);
    await page.create(form({ key: "kind", type: "select", options: [{ en: "Shoes" }, { en: "Bags" }, { en: "Hats" }] }));
    const field = await fieldByKey(shop, "kind");
    const [shoes, bags, hats] = field.options;
    await scopeOf(shop, ({ db }) =>
      writeAnswers(db, shop.merchant.id, [
        { customerId: anna!, field, value: bags!.id },
        { customerId: boris!, field, value: hats!.id },
      ]),
    );

    const editPage = await page.editPage(field.id);
    expect(editPage.data).toMatchObject({ answers: 2, field: { key: "kind", options: field.options, defaultValue: "" } });

    const renamed = await page.edit(field.id, form({ key: "kind", type: "select", options: [{ id: hats!.id, en: "Caps" }, { id: shoes!.id, en: "Shoes" }, { id: bags!.id, en: "Handbags", fa: "کیف دستی" }] }));
    expect(renamed.status).toBe(302);
    const after = await fieldByKey(shop, "kind");
    expect(after.options.map((o) => [o.id, o.label.en])).toEqual([[hats!.id, "Caps"], [shoes!.id, "Shoes"], [bags!.id, "Handbags"]]);
    const answers = await scopeOf(shop, ({ db }) => readAnswers({ db }, shop.merchant.id, [after], [anna!, boris!]));
    expect([answers.get(anna!)!.kind, answers.get(boris!)!.kind]).toEqual([bags!.id, hats!.id]);

    const withoutHeld = form({ key: "kind", type: "select", options: [{ id: shoes!.id, en: "Shoes" }] });
    const asked = await page.edit(field.id, withoutHeld);
    expect(asked.status).toBe(409);
    expect(asked.data.refusal).toEqual({
      ok: false,
      error: "confirmOptions",
      options: [
        { id: hats!.id, label: "Caps", customers: 1 },
        { id: bags!.id, label: "Handbags", customers: 1 },
      ],
    });
    expect((await fieldByKey(shop, "kind")).options).toHaveLength(3);

    expect((await page.edit(field.id, [...withoutHeld, ["confirm", "yes"]])).status).toBe(302);
    expect((await fieldByKey(shop, "kind")).options.map((o) => o.id)).toEqual([shoes!.id]);
    const left = await scopeOf(shop, ({ db }) => readAnswers({ db }, shop.merchant.id, [after], [anna!, boris!]));
    expect([left.get(anna!)?.kind, left.get(boris!)?.kind]).toEqual([undefined, undefined]);
  });

  it("explains a refused type change, saves a disabled dashboard-only field, and deletes with answers only when confirmed", async () => {
    const shop = await createShop();
    const page = await pageFor(shop);
    const [anna, boris] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Anna", lastName: "A" }, { firstName: "Boris", lastName: "B" }]);
    await page.create(form({ key: "tax_number", type: "text" }));
    const field = await fieldByKey(shop, "tax_number");
    await scopeOf(shop, ({ db }) =>
      writeAnswers(db, shop.merchant.id, [
        { customerId: anna!, field, value: "42" },
        { customerId: boris!, field, value: "many" },
      ]),
    );

    const asNumber = await page.edit(field.id, form({ key: "tax_number", type: "number" }));
    expect(asNumber).toMatchObject({ status: 409, data: { refusal: { error: "typeChange", failed: 1, total: 2, example: "many" } } });

    const keyChanged = await page.edit(field.id, form({ key: "vat", type: "text" }));
    expect((keyChanged.data.result as { error: Record<string, string[]> }).error).toEqual({ key: ["customFields:errors.keyFixed"] });

    const saved = await page.edit(field.id, form({ key: "tax_number", type: "text", extra: [["enabled", "false"], ["visibility", "dashboard"], ["requiredMode", "all"], ["requiredForAll", "on"], ["pattern", "\\d+|many"], ["patternMessage.fa", "فقط رقم"]] }));
    expect(saved.status).toBe(302);
    expect(await fieldByKey(shop, "tax_number")).toMatchObject({ enabled: false, visibility: "dashboard", requiredForAll: true, pattern: "\\d+|many", patternMessage: { fa: "فقط رقم" } });
    expect(await page.list()).toEqual([expect.objectContaining({ key: "tax_number", enabled: false, requiredForAll: true, answers: 2 })]);

    const asked = await page.edit(field.id, [["intent", "delete"]]);
    expect(asked).toMatchObject({ status: 409, data: { deleteRefusal: { error: "confirm", customers: 2 } } });
    expect(await page.edit(field.id, [["intent", "delete"], ["confirm", "yes"]])).toMatchObject({ status: 302, location: `/m/${shop.merchant.slug}/custom-fields?deleted=1` });
    expect((await page.editPage(field.id)).status).toBe(404);
  });

  it("is for staff who manage custom fields: the staff role gets 403, another shop's owner 404", async () => {
    const shop = await createShop();
    await (await pageFor(shop)).create(form({ key: "note", type: "text" }));
    const field = await fieldByKey(shop, "note");
    const { user } = await addStaff(shop.merchant.id, "staff");
    const context = await contextFor(user.id);
    const params = { shop: shop.merchant.slug };
    const base = `http://localhost/m/${shop.merchant.slug}/custom-fields`;
    const post = (path: string) => new Request(`${base}${path}`, { method: "POST", body: new URLSearchParams(form({ key: "sneaky", type: "text" })) });

    expect((await settle(listLoader({ request: new Request(base), params, context }))).status).toBe(403);
    expect((await settle(newLoader({ request: new Request(`${base}/new`), params, context }))).status).toBe(403);
    expect((await settle(newAction({ request: post("/new"), params, context }))).status).toBe(403);
    expect((await settle(editAction({ request: post(`/${field.id}`), params: { ...params, id: field.id }, context }))).status).toBe(403);

    const stranger = await contextFor((await createShop()).owner.id);
    expect((await settle(editLoader({ request: new Request(`${base}/${field.id}`), params: { ...params, id: field.id }, context: stranger }))).status).toBe(404);
    expect(await fieldByKey(shop, "note")).toMatchObject({ key: "note" });
  });
});
