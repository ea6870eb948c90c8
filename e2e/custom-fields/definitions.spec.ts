import { expect, logIn, test, tr } from "../fixtures";

const fa = (key: string) => tr("fa", key);
const faNumber = (n: number) => new Intl.NumberFormat("fa-IR-u-nu-arabext").format(n);
const optionLabel = (n: number, language: string) => fa("customFields:form.optionLabelIn").replace("{{n}}", faNumber(n)).replace("{{language}}", language);

test("a Persian shop defines «favourite product type» with three options, required for wholesale customers only, and renames an option", async ({ page }, testInfo) => {
  const { createShop, addNamedCustomers } = await import("../../tests/factories");
  const { withTenant } = await import("~/utils/db.server");
  const { createGroup } = await import("~/modules/groups/groups.server");
  const { groupSchema } = await import("~/modules/groups/schemas");
  const { writeAnswers } = await import("~/modules/custom-fields/answers.server");
  const { getField } = await import("~/modules/custom-fields/custom-fields.server");

  const shop = await createShop({ language: "fa" });
  const merchantId = shop.merchant.id;
  const scope = <T>(fn: (s: { db: Parameters<Parameters<typeof withTenant>[1]>[0]; merchant: typeof shop.merchant; actor: { staffId: null; name: string } }) => Promise<T>) =>
    withTenant(merchantId, (db) => fn({ db, merchant: shop.merchant, actor: { staffId: null, name: "e2e" } }));
  await scope((s) => createGroup(s, groupSchema("fa").parse({ name: { fa: "عمده‌فروشی", en: "Wholesale" }, kind: "manual" })));
  await scope((s) => createGroup(s, groupSchema("fa").parse({ name: { fa: "خرده‌فروشی", en: "Retail" }, kind: "manual" })));

  await logIn(page, shop.owner.email, shop.owner.password);
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");

  await page.getByRole("link", { name: fa("common:nav.customFields") }).click();
  await expect(page.getByRole("heading", { name: fa("customFields:title") })).toBeVisible();
  await expect(page.getByText(fa("customFields:empty"))).toBeVisible();
  await page.getByRole("link", { name: fa("customFields:new") }).click();
  await expect(page.getByRole("heading", { name: fa("customFields:form.createTitle") })).toBeVisible();

  await page.getByLabel(fa("customFields:form.key"), { exact: true }).fill("favourite_type");
  await page.getByLabel(fa("customFields:form.type"), { exact: true }).selectOption({ label: fa("customFields:types.select") });
  await page.getByLabel(fa("customFields:form.nameIn").replace("{{language}}", "فارسی")).fill("نوع محصول مورد علاقه");
  await page.getByLabel(fa("customFields:form.nameIn").replace("{{language}}", "English")).fill("Favourite product type");
  // Settings that do not fit a choice field are not offered.
  await expect(page.getByLabel(fa("customFields:form.pattern"))).toHaveCount(0);
  await expect(page.getByLabel(fa("customFields:form.minValue"))).toHaveCount(0);

  // A choice field starts with one option; an option without its Persian label is refused in Persian, before saving.
  await page.getByRole("button", { name: fa("customFields:form.create") }).click();
  await expect(page.getByRole("alert").filter({ hasText: fa("validation:required") }).first()).toBeVisible();
  await expect(page).toHaveURL(/\/custom-fields\/new$/);

  const labels: Array<[string, string]> = [
    ["کفش", "Shoes"],
    ["کیف", "Bags"],
    ["لوازم جانبی", "Accessories"],
  ];
  for (const [i, [persian, english]] of labels.entries()) {
    if (i > 0) await page.getByRole("button", { name: fa("customFields:form.addOption") }).click();
    await page.getByLabel(optionLabel(i + 1, "فارسی")).fill(persian);
    await page.getByLabel(optionLabel(i + 1, "English")).fill(english);
  }
  await page.getByLabel(fa("customFields:form.required_groups")).check();
  await page.getByLabel("عمده‌فروشی").check();
  await expect(page.getByLabel("خرده‌فروشی")).not.toBeChecked();
  await page.screenshot({ path: testInfo.outputPath("custom-field-form-fa.png"), fullPage: true });
  await page.getByRole("button", { name: fa("customFields:form.create") }).click();

  await expect(page).toHaveURL(/\/custom-fields\?saved=1$/);
  await expect(page.getByRole("status")).toHaveText(fa("customFields:saved"));
  const row = page.getByTestId("custom-field");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("نوع محصول مورد علاقه");
  await expect(row).toContainText("favourite_type");
  await expect(row).toContainText(fa("customFields:types.select"));
  await expect(row).toContainText(fa("customFields:list.requiredGroups").replace("{{groups}}", "عمده‌فروشی"));
  await expect(row).not.toContainText("خرده‌فروشی");

  // A customer chose «کیف»; renaming that option keeps the answer (same option id).
  const field = await scope(async (s) => {
    const stored = await s.db.customField.findFirstOrThrow({ where: { merchantId, key: "favourite_type" } });
    return (await getField(s, stored.id))!;
  });
  expect(field.options.map((o) => o.label.fa)).toEqual(["کفش", "کیف", "لوازم جانبی"]);
  const bag = field.options[1]!;
  const [maryam] = await addNamedCustomers(merchantId, [{ firstName: "مریم", lastName: "احمدی", locale: "fa" }]);
  await scope((s) => writeAnswers(s.db, merchantId, [{ customerId: maryam!, field, value: bag.id }]));

  await row.getByRole("link", { name: "نوع محصول مورد علاقه" }).click();
  await expect(page.getByLabel(fa("customFields:form.key"), { exact: true })).toHaveAttribute("readonly", "");
  await expect(page.getByText(fa("customFields:form.answers_one").replace("{{n}}", faNumber(1)))).toBeVisible();
  await page.getByLabel(optionLabel(2, "فارسی")).fill("کیف دستی");
  await page.getByLabel(optionLabel(2, "English")).fill("Handbags");
  // Move it first: order changes, the answer stays with the option.
  await page.getByRole("button", { name: fa("customFields:form.moveUp").replace("{{n}}", faNumber(2)) }).click();
  await expect(page.getByLabel(optionLabel(1, "فارسی"))).toHaveValue("کیف دستی");
  await page.getByRole("button", { name: fa("customFields:form.save") }).click();

  await expect(page).toHaveURL(/\/custom-fields\?saved=1$/);
  await expect(row.getByRole("cell").last()).toHaveText(faNumber(1));
  const renamed = await scope(async (s) => (await getField(s, field.id))!);
  expect(renamed.options.map((o) => [o.id, o.label.fa])).toEqual([
    [bag.id, "کیف دستی"],
    [field.options[0]!.id, "کفش"],
    [field.options[2]!.id, "لوازم جانبی"],
  ]);

  // Removing the option Maryam chose asks first, names it and says how many customers hold it.
  await row.getByRole("link", { name: "نوع محصول مورد علاقه" }).click();
  await page.getByRole("button", { name: fa("customFields:form.removeOption").replace("{{n}}", faNumber(1)) }).click();
  await page.getByRole("button", { name: fa("customFields:form.save") }).click();
  const confirm = page.getByRole("alert").filter({ hasText: fa("customFields:confirmOptions.title") });
  await expect(confirm).toContainText(fa("customFields:confirmOptions.option_one").replace("{{label}}", "کیف دستی").replace("{{n}}", faNumber(1)));
  await page.screenshot({ path: testInfo.outputPath("custom-field-confirm-fa.png"), fullPage: true });
  await confirm.getByRole("button", { name: fa("customFields:confirmOptions.button") }).click();
  await expect(page).toHaveURL(/\/custom-fields\?saved=1$/);
  await expect(row.getByRole("cell").last()).toHaveText(faNumber(0));
  await page.screenshot({ path: testInfo.outputPath("custom-fields-list-fa.png"), fullPage: true });
});
