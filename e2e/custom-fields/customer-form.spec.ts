import { expect, logIn, test, tr } from "../fixtures";

const fa = (key: string) => tr("fa", key);

test("a field required for wholesale customers only: refused in Persian for a wholesale customer, optional for a retail one, and a list filter", async ({ page, shop }) => {
  const { addNamedCustomers } = await import("../../tests/factories");
  const { withTenant } = await import("~/utils/db.server");
  const { createGroup } = await import("~/modules/groups/groups.server");
  const { addToGroup } = await import("~/modules/groups/membership.server");
  const { groupSchema } = await import("~/modules/groups/schemas");
  const { createField } = await import("~/modules/custom-fields/custom-fields.server");
  const { customFieldSchema } = await import("~/modules/custom-fields/schemas");
  const merchantId = shop.merchant.id;
  const scope = { merchant: shop.merchant, actor: { staffId: null, name: "Owner" } };
  const [ali, sara] = await addNamedCustomers(merchantId, [
    { firstName: "علی", lastName: "رضایی", email: `ali-${merchantId}@example.test`, locale: "fa" },
    { firstName: "سارا", lastName: "احمدی", email: `sara-${merchantId}@example.test`, locale: "fa" },
  ]);
  const option = await withTenant(merchantId, async (db) => {
    const wholesale = await createGroup({ ...scope, db }, groupSchema("en").parse({ name: { en: "Wholesale", fa: "عمده‌فروشی" }, kind: "manual" }));
    const retail = await createGroup({ ...scope, db }, groupSchema("en").parse({ name: { en: "Retail", fa: "خرده‌فروشی" }, kind: "manual" }));
    await addToGroup({ ...scope, db }, wholesale.group.id, [ali!]);
    await addToGroup({ ...scope, db }, retail.group.id, [sara!]);
    const field = customFieldSchema("en", { country: shop.merchant.country, timeZone: shop.merchant.timezone }).parse({
      key: "favourite_product_type",
      name: { en: "Favourite product type", fa: "نوع محصول مورد علاقه" },
      help: { fa: "برای پیشنهادهای فصلی" },
      type: "select",
      requiredGroupIds: [wholesale.group.id],
      options: [{ label: { en: "Shoes", fa: "کفش" } }, { label: { en: "Bags", fa: "کیف" } }, { label: { en: "Hats", fa: "کلاه" } }],
    });
    const created = await createField({ ...scope, db }, field);
    if (!created.ok) throw new Error(created.error);
    return created.field.options[1]!;
  });

  await logIn(page, shop.owner.email, shop.owner.password);
  await page.getByLabel("Language").selectOption("fa");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const base = `/m/${shop.merchant.slug}/customers`;

  // Ali is a wholesale customer: the field is marked required and saving without it is refused, in Persian.
  await page.goto(`${base}/${ali}`);
  const aliForm = page.getByRole("form", { name: fa("customers:form.save") });
  const favourite = aliForm.getByLabel("نوع محصول مورد علاقه");
  await expect(favourite).toHaveAttribute("aria-required", "true");
  await expect(aliForm.getByText("برای پیشنهادهای فصلی")).toBeVisible();
  await aliForm.getByRole("button", { name: fa("customers:form.save") }).click();
  await expect(aliForm.locator('[data-field="favourite_product_type"]').getByRole("alert")).toHaveText(fa("validation:required"));
  await expect(page.getByText(fa("customers:actions.saved"))).toHaveCount(0);
  await favourite.selectOption({ label: "کیف" });
  await aliForm.getByRole("button", { name: fa("customers:form.save") }).click();
  await expect(page.getByRole("status").filter({ hasText: fa("customers:actions.saved") })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: fa("customers:form.save") }).getByLabel("نوع محصول مورد علاقه")).toHaveValue(option.id);

  // Sara is a retail customer: the same field is optional.
  await page.goto(`${base}/${sara}`);
  const saraForm = page.getByRole("form", { name: fa("customers:form.save") });
  await expect(saraForm.getByLabel("نوع محصول مورد علاقه")).not.toHaveAttribute("aria-required", "true");
  await saraForm.getByRole("button", { name: fa("customers:form.save") }).click();
  await expect(page.getByRole("status").filter({ hasText: fa("customers:actions.saved") })).toBeVisible();

  // The list filters by the field and shows it as a column.
  await page.goto(base);
  const filters = page.getByRole("search", { name: fa("customers:filters.label") });
  await filters.getByText(fa("customers:customFields.filters"), { exact: true }).click();
  await filters.getByRole("combobox", { name: "نوع محصول مورد علاقه" }).selectOption({ label: "کیف" });
  await filters.getByRole("checkbox", { name: "نوع محصول مورد علاقه" }).check();
  await filters.getByRole("button", { name: fa("customers:filters.apply") }).click();
  await expect(page).toHaveURL(new RegExp(`cf\\.favourite_product_type=${option.id}`));
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "علی رضایی" })).toContainText("کیف");
  await expect(rows.filter({ hasText: "سارا احمدی" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "نوع محصول مورد علاقه" })).toBeVisible();
});
