import { expect, logIn, test, tr } from "../fixtures";

const factories = () => import("../../tests/factories");

test("filter, search, sort and paginate the customer list, with the view in the URL", async ({ page, shop }) => {
  const { addNamedCustomers } = await factories();
  const people = Array.from({ length: 30 }, (_, i) => ({ firstName: `Alpha${String(i).padStart(2, "0")}`, lastName: "Walker" }));
  await addNamedCustomers(shop.merchant.id, [
    ...people,
    { firstName: "Ζωή", lastName: "Παπαδοπούλου", status: "blocked" },
    { firstName: "Анна", lastName: "Смирнова", email: "anna.smirnova@pochta.example" },
    { firstName: "زهرا", lastName: "محمدی", status: "inactive" },
  ]);
  await logIn(page, shop.owner.email, shop.owner.password);
  await page.goto(`/m/${shop.merchant.slug}/customers?lng=en`);
  await expect(page.getByTestId("customer-count")).toHaveText("33 customers");

  // Substring search in the middle of a Cyrillic surname and of an e-mail.
  await page.getByLabel("Search").fill("мирно");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("customer-count")).toHaveText("1 customer");
  await expect(page.getByRole("link", { name: "Анна Смирнова" })).toBeVisible();
  await expect(page).toHaveURL(/q=%D0%BC%D0%B8%D1%80%D0%BD%D0%BE/);

  await page.getByLabel("Search").fill("pochta.exa");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("link", { name: "Анна Смирнова" })).toBeVisible();

  // A status filter; the bookmarked URL reproduces the view.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByTestId("customer-count")).toHaveText("33 customers");
  await expect(page.getByLabel("Search")).toHaveValue("");
  await page.getByLabel("Status").selectOption("blocked");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\?status=blocked&sort=created&dir=desc&size=50$/);
  await expect(page.getByTestId("customer-count")).toHaveText("1 customer");
  const bookmarked = page.url();
  await page.goto(bookmarked);
  await expect(page.getByRole("link", { name: "Ζωή Παπαδοπούλου" })).toBeVisible();

  // Sort by name ascending, 25 per page, then walk forward and back.
  await page.goto(`/m/${shop.merchant.slug}/customers?lng=en&size=25`);
  await page.getByRole("link", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await page.getByRole("link", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  const names = page.locator("tbody tr td:nth-child(2) a");
  await expect(names.first()).toHaveText("Alpha00 Walker");
  await expect(names).toHaveCount(25);
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(names).toHaveCount(8);
  await expect(names.first()).toHaveText("Alpha25 Walker");
  await expect(names.last()).toHaveText("زهرا محمدی");
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(names.first()).toHaveText("Alpha00 Walker");
  await expect(names.last()).toHaveText("Alpha24 Walker");
  await expect(page.getByRole("link", { name: "Previous" })).toHaveCount(0);
});

test("bulk-block a filtered selection", async ({ page, shop }) => {
  const { addNamedCustomers } = await factories();
  await addNamedCustomers(shop.merchant.id, [
    { firstName: "Fraud", lastName: "One", registrationIp: "198.51.100.7" },
    { firstName: "Fraud", lastName: "Two", registrationIp: "198.51.100.7" },
    { firstName: "Honest", lastName: "Buyer", registrationIp: "203.0.113.9" },
  ]);
  await logIn(page, shop.owner.email, shop.owner.password);
  await page.goto(`/m/${shop.merchant.slug}/customers?lng=en`);
  await page.getByLabel("IP address").fill("198.51.100.7");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("customer-count")).toHaveText("2 customers");
  await page.getByLabel("Select every customer on this page").check();
  await page.getByLabel("With customers").selectOption("block");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Done: 2 customers changed." })).toBeVisible();

  await page.goto(`/m/${shop.merchant.slug}/customers?lng=en&status=blocked`);
  await expect(page.getByTestId("customer-count")).toHaveText("2 customers");
  await page.goto(`/m/${shop.merchant.slug}/customers?lng=en&status=active`);
  await expect(page.getByTestId("customer-count")).toHaveText("1 customer");
  await expect(page.getByRole("link", { name: "Honest Buyer" })).toBeVisible();
});

test("approve a pending customer from the approvals queue, in Greek", async ({ page, shop }) => {
  const { addNamedCustomers } = await factories();
  await addNamedCustomers(shop.merchant.id, [
    { firstName: "Νίκος", lastName: "Αναμονής", approval: "pending" },
    { firstName: "Ελένη", lastName: "Αναμονής", approval: "pending" },
  ]);
  await logIn(page, shop.owner.email, shop.owner.password);
  await page.getByLabel("Language").selectOption("el");
  await expect(page.locator("html")).toHaveAttribute("lang", "el");
  await page.goto(`/m/${shop.merchant.slug}/customers/approvals`);
  await page.getByLabel(tr("el", "customers:bulk.selectOne").replace("{{name}}", "Νίκος Αναμονής")).check();
  await page.getByRole("button", { name: tr("el", "customers:approvals.approveSelected") }).click();
  await expect(page.getByRole("link", { name: "Νίκος Αναμονής" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Ελένη Αναμονής" })).toBeVisible();
  await page.goto(`/m/${shop.merchant.slug}/customers?approval=approved`);
  await expect(page.getByRole("link", { name: "Νίκος Αναμονής" })).toBeVisible();
});
