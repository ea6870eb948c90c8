import { describe, expect, it } from "vitest";
import { addNamedCustomers, addStaff, createShop } from "../../../tests/factories";
import { contextFor, settle } from "../../../tests/routes";
import { writeAnswers } from "~/modules/custom-fields/answers.server";
import { createField } from "~/modules/custom-fields/custom-fields.server";
import { customFieldSchema } from "~/modules/custom-fields/schemas";
import { loader as layoutLoader } from "~/routes/m.$shop";
import { loader as listLoader } from "~/routes/m.$shop.customers._index";
import { withTenant } from "~/utils/db.server";

type Shop = Awaited<ReturnType<typeof createShop>>;

/** A shop with customers, a select field "tier" answered by the first two, and a default group "Retail". */
async function shopWithTier(names: string[]) {
  const shop = await createShop({ language: "el" });
  const ids = await addNamedCustomers(shop.merchant.id, names.map((firstName) => ({ firstName, lastName: "Test" })));
  const scope = { merchant: shop.merchant, actor: { staffId: null, name: "Test" } };
  const parsed = customFieldSchema("en", { country: shop.merchant.country, timeZone: shop.merchant.timezone }).parse({
    key: "tier",
    type: "select",
    name: { en: "Tier" },
    options: [{ label: { en: "Gold" } }, { label: { en: "Silver" } }],
  });
  const created = await withTenant(shop.merchant.id, (db) => createField({ ...scope, db }, parsed));
  if (!created.ok) throw new Error(created.error);
  const [gold, silver] = created.field.options;
  const answers = [gold!, silver!].slice(0, ids.length).map((option, i) => ({ customerId: ids[i]!, field: created.field, value: option.id }));
  await withTenant(shop.merchant.id, async (db) => {
    await writeAnswers(db, shop.merchant.id, answers);
    await db.customerGroup.create({ data: { merchantId: shop.merchant.id, name: { en: "Retail" }, kind: "manual", isDefault: true } });
  });
  return { shop, ids, gold: gold!.id };
}

const listRequest = (shop: Shop, query: string) => new Request(`http://localhost/m/${shop.merchant.slug}/customers?${query}`);

describe("customer list page (lean read path)", () => {
  it("lists the shop's customers with filters, columns, group labels and an honest count, read-only in the shop's tenant", async () => {
    const a = await shopWithTier(["Anna", "Boris", "Chara"]);
    const b = await shopWithTier(["Anna", "Zoe", "Yannis"]);
    const context = await contextFor(a.shop.owner.id);
    const params = { shop: a.shop.merchant.slug };

    const all = await settle(listLoader({ request: listRequest(a.shop, "sort=name&dir=asc"), params, context }));
    expect(all.status).toBe(200);
    const page = all.data.page as { customers: Array<{ id: string; firstName: string; defaultGroupId: string | null }> };
    expect(page.customers.map((c) => c.firstName)).toEqual(["Anna", "Boris", "Chara"]);
    expect(all.data.total).toEqual({ count: 3, capped: false });
    // Every row's default group (the shop's default group here) comes with its label.
    const groups = all.data.groups as Record<string, { name: string }>;
    expect(page.customers.map((c) => groups[c.defaultGroupId!]?.name)).toEqual(["Retail", "Retail", "Retail"]);

    const filtered = await settle(listLoader({ request: listRequest(a.shop, `cf.tier=${a.gold}&col=tier`), params, context }));
    const rows = (filtered.data.page as typeof page).customers;
    expect(rows.map((c) => c.firstName)).toEqual(["Anna"]);
    expect(filtered.data.total).toEqual({ count: 1, capped: false });
    const columns = filtered.data.customFields as { columns: string[]; answers: Record<string, Record<string, unknown>> };
    expect(columns.columns).toEqual(["tier"]);
    expect(columns.answers[rows[0]!.id]).toEqual({ tier: a.gold });

    // Shop B's option id in shop A's URL matches nothing of either shop.
    const foreign = await settle(listLoader({ request: listRequest(a.shop, `cf.tier=${b.gold}`), params, context }));
    expect((foreign.data.page as typeof page).customers).toEqual([]);
    expect(foreign.data.total).toEqual({ count: 0, capped: false });
  });

  it("answers 404 to a signed-in user who is not staff of the shop, for the layout and the page alike", async () => {
    const a = await shopWithTier(["Anna"]);
    const outsider = await createShop();
    const context = await contextFor(outsider.owner.id);
    const params = { shop: a.shop.merchant.slug };
    const request = listRequest(a.shop, "");
    expect((await settle(layoutLoader({ request, params, context }))).status).toBe(404);
    expect((await settle(listLoader({ request, params, context }))).status).toBe(404);
    const unknown = { shop: "no-such-shop" };
    expect((await settle(listLoader({ request: new Request("http://localhost/m/no-such-shop/customers"), params: unknown, context }))).status).toBe(404);
  });

  it("serves staff by role: the layout says what they may do, and the page lists for every role that may view customers", async () => {
    const a = await shopWithTier(["Anna", "Boris"]);
    const { user } = await addStaff(a.shop.merchant.id, "staff");
    const context = await contextFor(user.id);
    const params = { shop: a.shop.merchant.slug };
    const request = listRequest(a.shop, "");
    const layout = await settle(layoutLoader({ request, params, context }));
    expect(layout.data).toMatchObject({ me: { role: "staff" }, can: { "view:customers": true, "manage:settings": false } });
    const list = await settle(listLoader({ request, params, context }));
    expect(list.data).toMatchObject({ total: { count: 2, capped: false }, canEdit: true, canDelete: false });
  });
});
