import { expect, logIn, test, tr } from "../fixtures";

const fa = (key: string) => tr("fa", key);
const faNumber = (n: number) => new Intl.NumberFormat("fa-IR-u-nu-arabext").format(n);
const faCount = (key: string, n: number) => fa(`groups:${key}_${new Intl.PluralRules("fa").select(n)}`).replace("{{n}}", faNumber(n));

test("a group built in Persian on a select custom field counts, saves and fills itself", async ({ page, shop }, testInfo) => {
  const { addNamedCustomers } = await import("../../tests/factories");
  const { withTenant } = await import("~/utils/db.server");
  const { createField } = await import("~/modules/custom-fields/custom-fields.server");
  const { customFieldSchema } = await import("~/modules/custom-fields/schemas");
  const { writeAnswers } = await import("~/modules/custom-fields/answers.server");
  const { languageNames } = await import("~/utils/i18n");
  const merchantId = shop.merchant.id;
  const [sara, reza, maryam] = await addNamedCustomers(merchantId, [
    { firstName: "سارا", lastName: "احمدی", locale: "fa" },
    { firstName: "رضا", lastName: "کریمی", locale: "fa" },
    { firstName: "مریم", lastName: "رضایی", locale: "fa" },
    { firstName: "علی", lastName: "محمدی", locale: "fa" },
  ]);
  // "Favourite product type": Sara and Maryam chose shoes, Reza bags, Ali has not answered.
  await withTenant(merchantId, async (db) => {
    const scope = { db, merchant: shop.merchant, actor: { staffId: null, name: "e2e" } };
    const input = customFieldSchema("en", { country: shop.merchant.country, timeZone: shop.merchant.timezone }).parse({
      key: "favourite_product_type",
      name: { en: "Favourite product type", fa: "نوع محصول مورد علاقه" },
      type: "select",
      options: [{ label: { en: "Shoes", fa: "کفش" } }, { label: { en: "Bags", fa: "کیف" } }, { label: { en: "Hats", fa: "کلاه" } }],
    });
    const created = await createField(scope, input);
    if (!created.ok) throw new Error(created.error);
    const [shoes, bags] = created.field.options;
    const field = created.field;
    await writeAnswers(db, merchantId, [
      { customerId: sara!, field, value: shoes!.id },
      { customerId: reza!, field, value: bags!.id },
      { customerId: maryam!, field, value: shoes!.id },
    ]);
  });

  await logIn(page, shop.owner.email, shop.owner.password);
  await page.getByLabel("Language").selectOption("fa");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");

  await page.getByRole("link", { name: fa("common:nav.groups") }).click();
  await page.getByRole("link", { name: fa("groups:new") }).click();
  await expect(page.getByRole("heading", { name: fa("groups:form.createTitle") })).toBeVisible();
  await page.getByLabel(fa("groups:form.nameIn").replace("{{language}}", languageNames.en)).fill("Shoe lovers");
  await page.getByLabel(fa("groups:form.nameIn").replace("{{language}}", languageNames.fa)).fill("دوستداران کفش");

  const condition = page.getByRole("group", { name: fa("groups:builder.conditionN").replace("{{n}}", faNumber(1)), exact: true });
  await condition.getByLabel(fa("groups:builder.field")).selectOption({ label: "نوع محصول مورد علاقه" });
  await expect(condition.getByLabel(fa("groups:builder.operator"))).toHaveValue("in");
  await expect(condition.getByLabel(fa("groups:builder.operator")).locator("option")).toHaveText([fa("groups:ops.in"), fa("groups:ops.not_in"), fa("groups:ops.is_set"), fa("groups:ops.is_not_set")]);
  // The options are offered by their Persian labels.
  await expect(condition.getByRole("checkbox")).toHaveCount(3);
  await condition.getByRole("checkbox", { name: "کفش" }).check();

  await expect(page.getByTestId("preview-count")).toHaveText(faCount("preview.matching", 2));
  const preview = page.getByRole("complementary", { name: fa("groups:preview.title") });
  await expect(preview.getByRole("link", { name: "سارا احمدی" })).toBeVisible();
  await expect(preview.getByRole("link", { name: "مریم رضایی" })).toBeVisible();
  await condition.getByRole("checkbox", { name: "کیف" }).check();
  await expect(page.getByTestId("preview-count")).toHaveText(faCount("preview.matching", 3));
  await condition.getByRole("checkbox", { name: "کیف" }).uncheck();
  await expect(page.getByTestId("preview-count")).toHaveText(faCount("preview.matching", 2));
  await page.screenshot({ path: testInfo.outputPath("builder-custom-field-fa.png"), fullPage: true });

  await page.getByRole("button", { name: fa("groups:form.create") }).click();
  await expect(page).toHaveURL(/\/groups\/[0-9a-f-]{36}\/members$/);
  await expect(page.getByRole("heading", { name: "دوستداران کفش" })).toBeVisible();
  await expect(page.getByTestId("recompute-status")).toContainText(
    fa("groups:recompute.changes").replace("{{added}}", faNumber(2)).replace("{{removed}}", faNumber(0)),
    { timeout: 20_000 },
  );
  const members = page.getByTestId("member");
  await expect(members).toHaveCount(2);
  // Why Sara is here: the field's Persian name and her answer's Persian label.
  const saraRow = members.filter({ hasText: "سارا احمدی" });
  await expect(saraRow).toContainText("نوع محصول مورد علاقه");
  await expect(saraRow).toContainText("کفش");
  await expect(members.filter({ hasText: "مریم رضایی" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("group-on-field-members-fa.png"), fullPage: true });
});
