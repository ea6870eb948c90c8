import { randomUUID } from "node:crypto";
import { expect, test, tr } from "../fixtures";

test("a merchant signs up, works in Arabic and Persian, invites a colleague and logs out", async ({ page, browser }) => {
  const id = randomUUID().slice(0, 8);
  const slug = `journey-${id}`;
  const colleague = `colleague-${id}@example.test`;

  await page.goto("/signup?lng=en");
  await page.getByLabel("Shop name").fill(`Journey ${id}`);
  await page.getByLabel("Shop address").fill(slug);
  await page.getByLabel("Your name").fill("Maria Journey");
  await page.getByLabel("E-mail").fill(`maria-${id}@example.test`);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create shop" }).click();

  await expect(page).toHaveURL(`/m/${slug}`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByTestId("stat-staff")).toContainText("1");

  // Arabic: mirrored layout, Arabic text and Arabic-Indic digits.
  await page.getByLabel("Language").selectOption("ar");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { name: tr("ar", "dashboard:overview.title") })).toBeVisible();
  await expect(page.getByTestId("stat-staff")).toContainText("١");
  const viewport = page.viewportSize()!;
  const sidebar = await page.locator(".sidebar").boundingBox();
  expect(sidebar!.x).toBeGreaterThan(viewport.width / 2);

  // Persian: Persian-calendar dates with Persian digits.
  await page.getByLabel(tr("ar", "common:language")).selectOption("fa");
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const persianYear = new Intl.DateTimeFormat("fa-IR-u-ca-persian-nu-arabext", { year: "numeric", timeZone: "UTC" }).format(new Date());
  const persianMonth = new Intl.DateTimeFormat("fa-IR-u-ca-persian", { month: "long", timeZone: "UTC" }).format(new Date());
  const activityTime = page.locator(".activity time").first();
  await expect(activityTime).toContainText(persianYear.replace(/[^۰-۹]/g, ""));
  await expect(activityTime).toContainText(persianMonth);

  // Invite a staff member (in Persian).
  await page.getByRole("link", { name: tr("fa", "common:nav.settings") }).click();
  await page.getByRole("link", { name: tr("fa", "settings:tabs.staff") }).click();
  await page.getByLabel(tr("fa", "settings:staff.email")).fill(colleague);
  await page.getByLabel(tr("fa", "settings:staff.role")).selectOption("admin");
  await page.getByRole("button", { name: tr("fa", "settings:staff.invite") }).click();
  const link = await page.getByLabel(tr("fa", "settings:staff.inviteLink")).inputValue();
  expect(link).toContain(`/invite/${slug}/`);
  await expect(page.getByText(colleague)).toBeVisible();

  // The colleague accepts in a browser of their own.
  const other = await browser.newContext();
  const colleaguePage = await other.newPage();
  await colleaguePage.goto(`${new URL(link).pathname}?lng=en`);
  await colleaguePage.getByLabel("Your name").fill("Nikos Colleague");
  await colleaguePage.getByLabel("Password").fill("colleague-password-1");
  await colleaguePage.getByRole("button", { name: "Accept and create account" }).click();
  await expect(colleaguePage).toHaveURL(`/m/${slug}`);
  await expect(colleaguePage.getByText(`Nikos Colleague · ${tr("en", "common:roles.admin")}`)).toBeVisible();
  await other.close();

  // Log out.
  await page.getByRole("button", { name: tr("fa", "common:logout") }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`/m/${slug}`);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
});
