import { expect, logIn, test, tr } from "../fixtures";

const ar = (key: string) => tr("ar", key);
const arNumber = (n: number) => new Intl.NumberFormat("ar-EG-u-nu-arab").format(n);
/** A plural string of the groups namespace as Arabic shows it for n. */
const arCount = (key: string, n: number) => ar(`groups:${key}_${new Intl.PluralRules("ar").select(n)}`).replace("{{n}}", arNumber(n));

test("a VIP group built in Arabic fills itself, explains why, and follows a new order from the API", async ({ page, shop }, testInfo) => {
  const { addNamedCustomers } = await import("../../tests/factories");
  const { withTenant } = await import("~/utils/db.server");
  const { createApiKey } = await import("~/modules/api-keys/api-keys.server");
  const merchantId = shop.merchant.id;
  const [layla, omar, nour, karim] = await addNamedCustomers(merchantId, [
    { firstName: "ليلى", lastName: "حداد", locale: "ar" },
    { firstName: "عمر", lastName: "صالح", locale: "ar" },
    { firstName: "نور", lastName: "خليل", locale: "ar" },
    { firstName: "كريم", lastName: "عزيز", locale: "ar" },
    { firstName: "Maria", lastName: "Papadopoulou", locale: "el" },
    { firstName: "Ivan", lastName: "Petrov", locale: "ru" },
  ]);
  // Layla spent 2,000; Omar placed 11 small orders; Nour spent 1,400 and Karim 300: neither is a VIP yet.
  await withTenant(merchantId, (db) =>
    db.order.createMany({
      data: [
        { customerId: layla!, number: "L-1", status: "completed" as const, total: 2000 },
        ...Array.from({ length: 11 }, (_, i) => ({ customerId: omar!, number: `O-${i}`, status: "pending" as const, total: 10 })),
        { customerId: nour!, number: "N-1", status: "completed" as const, total: 1400 },
        { customerId: karim!, number: "K-1", status: "shipped" as const, total: 300 },
      ].map((o) => ({ ...o, merchantId, currency: shop.merchant.currency })),
    }),
  );
  const money = (n: number) => new Intl.NumberFormat("ar-EG-u-nu-arab", { style: "currency", currency: shop.merchant.currency }).format(n);

  await logIn(page, shop.owner.email, shop.owner.password);
  await page.getByLabel("Language").selectOption("ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");

  await page.getByRole("link", { name: ar("common:nav.groups") }).click();
  await page.getByRole("link", { name: ar("groups:new") }).click();
  await expect(page.getByRole("heading", { name: ar("groups:form.createTitle") })).toBeVisible();

  await page.getByLabel(ar("groups:form.nameIn").replace("{{language}}", "English")).fill("VIP");
  await page.getByLabel(ar("groups:form.nameIn").replace("{{language}}", "العربية")).fill("كبار العملاء");
  await expect(page.getByLabel(ar("groups:kinds.automatic"))).toBeChecked();

  // VIP: total spent > 1500 OR orders > 10.
  await page.getByLabel(ar("groups:builder.combinator")).first().selectOption({ label: ar("groups:builder.or") });
  const first = page.getByRole("group", { name: ar("groups:builder.conditionN").replace("{{n}}", arNumber(1)), exact: true });
  await first.getByLabel(ar("groups:builder.field")).selectOption({ label: ar("groups:fields.total_spent") });
  await first.getByLabel(ar("groups:builder.operator")).selectOption({ label: ar("groups:ops.gt") });
  await first.getByLabel(ar("groups:builder.value")).fill("1500");
  await page.getByRole("button", { name: ar("groups:builder.addCondition") }).click();
  const second = page.getByRole("group", { name: ar("groups:builder.conditionN").replace("{{n}}", arNumber(2)), exact: true });
  await second.getByLabel(ar("groups:builder.field")).selectOption({ label: ar("groups:fields.orders_count") });
  await second.getByLabel(ar("groups:builder.operator")).selectOption({ label: ar("groups:ops.gt") });

  // An unfinished condition is refused at its node, in Arabic, before anything is saved.
  await page.getByRole("button", { name: ar("groups:form.create") }).click();
  await expect(second.getByRole("alert")).toHaveText(ar("validation:required"));
  await expect(page).toHaveURL(/\/groups\/new$/);

  await second.getByLabel(ar("groups:builder.value")).fill("10");
  await expect(page.getByTestId("preview-count")).toHaveText(arCount("preview.matching", 2));
  const preview = page.getByRole("complementary", { name: ar("groups:preview.title") });
  await expect(preview.getByRole("link", { name: "ليلى حداد" })).toBeVisible();
  await expect(preview.getByRole("link", { name: "عمر صالح" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("builder-ar.png"), fullPage: true });

  await page.getByRole("button", { name: ar("groups:form.create") }).click();
  await expect(page).toHaveURL(/\/groups\/[0-9a-f-]{36}\/members$/);
  await expect(page.getByRole("heading", { name: "كبار العملاء" })).toBeVisible();
  // The recompute runs in the real worker; the page follows it until it reports what changed.
  await expect(page.getByTestId("recompute-status")).toContainText(
    ar("groups:recompute.changes").replace("{{added}}", arNumber(2)).replace("{{removed}}", arNumber(0)),
    { timeout: 20_000 },
  );
  const members = page.getByTestId("member");
  await expect(members).toHaveCount(2);
  await expect(members.filter({ hasText: "ليلى حداد" })).toContainText(money(2000));
  await expect(members.filter({ hasText: "عمر صالح" })).toContainText(ar("groups:fields.orders_count"));
  await expect(page.getByTestId("member-count")).toHaveText(arNumber(2));
  await page.screenshot({ path: testInfo.outputPath("group-members-ar.png"), fullPage: true });

  // Layla's own page says which groups she is in, and why.
  await members.filter({ hasText: "ليلى حداد" }).getByRole("link", { name: "ليلى حداد" }).click();
  await page.getByRole("navigation", { name: ar("customers:tabs.label") }).getByRole("link", { name: ar("customers:tabs.groups") }).click();
  const membership = page.getByTestId("membership");
  await expect(membership).toHaveCount(1);
  await expect(membership).toContainText("كبار العملاء");
  await expect(membership).toContainText(ar("groups:fields.total_spent"));
  await expect(membership).toContainText(money(2000));
  await expect(membership).toContainText(money(1500));
  await expect(page.getByTestId("default-group")).toContainText("كبار العملاء");

  // A new order through the JSON API pushes Nour over 1,500: the worker moves her in, nobody recomputes by hand.
  const key = await withTenant(merchantId, async (db) => createApiKey({ db, merchant: shop.merchant, actor: { staffId: null, name: "e2e" } }, "Shop sync"));
  const response = await page.request.post("/api/v1/orders", {
    headers: { Authorization: `Bearer ${key.key}` },
    data: { number: "N-2", customerId: String(nour), status: "completed", total: 200 },
  });
  expect(response.status()).toBe(201);

  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\/members$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("member").filter({ hasText: "نور خليل" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("member")).toHaveCount(3);
  await expect(page.getByTestId("member").filter({ hasText: "نور خليل" })).toContainText(money(1600));

  await page.getByRole("navigation", { name: ar("groups:tabs.label") }).getByRole("link", { name: ar("groups:tabs.history") }).click();
  await expect(page.getByTestId("size-chart")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "نور خليل" })).toContainText(ar("groups:history.changes.joined"));
  await page.screenshot({ path: testInfo.outputPath("group-history-ar.png"), fullPage: true });
});
