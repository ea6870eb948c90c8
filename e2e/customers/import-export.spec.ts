import { readFile } from "node:fs/promises";
import { expect, logIn, test } from "../fixtures";

const csv = [
  "email,first_name,last_name,phone,status",
  "eleni@example.test,Ελένη,Νικολάου,+30 694 123 4567,active",
  "ivan@example.test,Иван,Петров,,blocked",
  "not-an-email,Bad,Row,,active",
  "reza@example.test,رضا,کریمی,,blocked",
].join("\n");

test("import a CSV with a live progress page and a rejection report, then export the filtered list", async ({ page, shop }) => {
  await logIn(page, shop.owner.email, shop.owner.password);
  await page.goto(`/m/${shop.merchant.slug}/customers?lng=en`);
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Import customers" })).toBeVisible();

  await page.getByLabel("CSV file").setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByLabel(/update or create/).check();
  await page.getByRole("button", { name: "Start import" }).click();

  await expect(page).toHaveURL(/\/data-jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Import: customers.csv" })).toBeVisible();
  // The page polls until the worker has finished.
  await expect(page.getByText("The import is finished.")).toBeVisible({ timeout: 30_000 });
  await expect(page.locator("progress")).toHaveAttribute("value", "100");
  await expect(page.getByTestId("count-created")).toHaveText("3");
  await expect(page.getByTestId("count-rejected")).toHaveText("1");

  const reportDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the rejected rows (CSV)" }).click();
  const report = await reportDownload;
  expect(report.suggestedFilename()).toBe("customers-rejected.csv");
  const reportText = await readFile((await report.path())!, "utf8");
  expect(reportText).toBe("\uFEFFline,reason,email,first_name,last_name,phone,status\r\n4,email: Enter a valid e-mail address.,not-an-email,Bad,Row,,active\r\n");

  await page.goto(`/m/${shop.merchant.slug}/customers?lng=en&status=blocked`);
  await expect(page.getByTestId("customer-count")).toHaveText("2 customers");
  await page.getByRole("link", { name: "Export", exact: true }).click();
  await expect(page.getByText("Matching customers: 2")).toBeVisible();
  await page.getByRole("button", { name: "Start export" }).click();
  await expect(page.getByText("The export is finished.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("count-exported")).toHaveText("2");

  const exportDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the CSV file" }).click();
  const exported = await readFile((await (await exportDownload).path())!, "utf8");
  expect(exported.startsWith("\uFEFFid,email,first_name,last_name,")).toBe(true);
  expect(exported).toContain("ivan@example.test,Иван,Петров");
  expect(exported).toContain("reza@example.test,رضا,کریمی");
  expect(exported).not.toContain("eleni@example.test");

  await page.getByRole("link", { name: "All imports and exports" }).click();
  await expect(page.getByRole("link", { name: "customers.csv" })).toBeVisible();
});
