import { expect, logIn, test, tr } from "../fixtures";

test("create and edit a customer with two addresses", async ({ page, shop }) => {
  await logIn(page, shop.owner.email, shop.owner.password);
  await page.goto(`/m/${shop.merchant.slug}/customers/new?lng=en`);
  await page.getByLabel("First name").fill("Eleni");
  await page.getByLabel("Last name").fill("Georgiou");
  await page.getByLabel("E-mail").fill("not-an-email");
  await page.getByLabel("Mobile phone").fill("12");
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
  await expect(page.getByText("Enter a valid phone number.")).toBeVisible();

  await page.getByLabel("E-mail").fill(`eleni-${Date.now()}@example.test`);
  await page.getByLabel("Mobile phone").fill("+30 694 123 4567");
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await expect(page.getByRole("heading", { name: "Eleni Georgiou" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Save changes" }).getByLabel("Mobile phone")).toHaveValue("+306941234567");

  // Edit the record.
  const details = page.getByRole("form", { name: "Save changes" });
  await details.getByLabel("Last name").fill("Georgiou-Papas");
  await details.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Eleni Georgiou-Papas" })).toBeVisible();

  // First address becomes the default; the second is added, then made default.
  const newAddress = page.getByRole("form", { name: "Add address" });
  await newAddress.getByLabel("Address line 1").fill("Ermou 12");
  await newAddress.getByLabel("City").fill("Athens");
  await newAddress.getByLabel("Postcode").fill("1055");
  await newAddress.getByLabel("Country code").fill("GR");
  await newAddress.getByRole("button", { name: "Add address" }).click();
  await expect(newAddress.getByText("This postcode is not valid for the country.")).toBeVisible();
  await newAddress.getByLabel("Postcode").fill("105 57");
  await newAddress.getByRole("button", { name: "Add address" }).click();
  await expect(page.getByTestId("address")).toHaveCount(1);

  await page.getByText("Add address", { exact: true }).first().click();
  const second = page.getByRole("form", { name: "Add address" });
  await second.getByLabel("Address line 1").fill("Tsimiski 40");
  await second.getByLabel("City").fill("Thessaloniki");
  await second.getByLabel("Postcode").fill("546 23");
  await second.getByLabel("Country code").fill("GR");
  await second.getByRole("button", { name: "Add address" }).click();
  await expect(page.getByTestId("address")).toHaveCount(2);
  const thessaloniki = page.getByTestId("address").filter({ hasText: "Thessaloniki" });
  await thessaloniki.getByRole("button", { name: "Make default" }).click();
  await expect(thessaloniki.getByText("Default", { exact: true })).toBeVisible();
  await expect(page.getByTestId("address").filter({ hasText: "Athens" }).getByText("Default", { exact: true })).toHaveCount(0);
});

test("store credit and negative reward points show their balances, in Persian", async ({ page, shop }) => {
  const { addNamedCustomers } = await import("../../tests/factories");
  const [id] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Sara", lastName: "Ahmadi" }]);
  await logIn(page, shop.owner.email, shop.owner.password);
  await page.getByLabel("Language").selectOption("fa");
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
  const base = `/m/${shop.merchant.slug}/customers/${id}`;

  await page.goto(`${base}/transactions`);
  const description = tr("fa", "customers:transactions.description");
  await page.getByLabel(description).fill("Refund");
  await page.getByLabel(tr("fa", "customers:transactions.amount").replace("{{currency}}", shop.merchant.currency)).fill("50");
  await page.getByRole("button", { name: tr("fa", "customers:transactions.add") }).click();
  const money = (n: number) => new Intl.NumberFormat("fa-IR-u-ca-persian-nu-arabext", { style: "currency", currency: shop.merchant.currency }).format(n);
  await expect(page.getByTestId("credit-balance")).toContainText(money(50));
  await page.getByLabel(description).fill("Purchase");
  await page.getByLabel(tr("fa", "customers:transactions.amount").replace("{{currency}}", shop.merchant.currency)).fill("-20.5");
  await page.getByRole("button", { name: tr("fa", "customers:transactions.add") }).click();
  await expect(page.getByTestId("credit-balance")).toContainText(money(29.5));
  await expect(page.getByRole("row").filter({ hasText: "Purchase" })).toContainText(money(-20.5));

  await page.goto(`${base}/points`);
  const pointsLabel = tr("fa", "customers:points.points");
  await page.getByLabel(tr("fa", "customers:points.description")).fill("Welcome");
  await page.getByLabel(pointsLabel).fill("100");
  await page.getByRole("button", { name: tr("fa", "customers:points.add") }).click();
  await expect(page.getByTestId("points-balance")).toHaveText("۱۰۰");
  await expect(page.getByLabel(tr("fa", "customers:points.description"))).toHaveValue("");
  await page.getByLabel(tr("fa", "customers:points.description")).fill("Redeem");
  await page.getByLabel(pointsLabel).fill("-130");
  await page.getByRole("button", { name: tr("fa", "customers:points.add") }).click();
  await expect(page.getByText(tr("fa", "validation:pointsBelowZero"))).toBeVisible();
  await page.getByLabel(pointsLabel).fill("-30");
  await page.getByRole("button", { name: tr("fa", "customers:points.add") }).click();
  await expect(page.getByTestId("points-balance")).toHaveText("۷۰");
});
