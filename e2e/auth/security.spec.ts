import { expect, logIn, test } from "../fixtures";

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { loader?: unknown };
}

/**
 * Every dashboard URL the app serves to GET (routes with a loader), read from the server build's route manifest, with
 * real ids filled in: `ids["groups/:id"]` for the id after "groups/", else `ids.id`.
 */
async function dashboardPaths(slug: string, ids: Record<string, string>) {
  const build = (await import(`${process.cwd()}/build/server/index.js`)) as { routes: Record<string, ManifestRoute> };
  const routes = build.routes;
  const fullPath = (route: ManifestRoute): string => {
    const parent = route.parentId ? routes[route.parentId] : undefined;
    const own = route.path ?? "";
    const base = parent ? fullPath(parent) : "";
    return [base, own].filter(Boolean).join("/");
  };
  const paths = Object.values(routes)
    .filter((route) => route.module.loader)
    .map(fullPath)
    .filter((p) => p.startsWith("m/:shop"))
    .map((p) => `/${p.replace(":shop", slug).replace(/([^/]+)\/:(\w+)/g, (_, parent: string, name: string) => `${parent}/${ids[`${parent}/:${name}`] ?? ids[name] ?? `:${name}`}`)}`);
  return [...new Set(paths)];
}

test("a staff user of shop A gets 404 for every dashboard URL of shop B", async ({ page, shop, otherShop }) => {
  // Two requests per dashboard route, and the route count grows with every section.
  test.setTimeout(180_000);
  const { addNamedCustomers } = await import("../../tests/factories");
  const [ownCustomer] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Own", lastName: "Customer" }]);
  const [foreignCustomer] = await addNamedCustomers(otherShop.merchant.id, [{ firstName: "Foreign", lastName: "Customer" }]);
  const { withTenant } = await import("~/utils/db.server");
  const group = (merchantId: string) => withTenant(merchantId, (db) => db.customerGroup.create({ data: { merchantId, name: { en: "Group" }, kind: "manual" } }));
  const [ownGroup, foreignGroup] = [await group(shop.merchant.id), await group(otherShop.merchant.id)];
  // A finished export in each shop, with its file, so the download route has something real to refuse or serve.
  const { shopFile } = await import("~/modules/imports/files.server");
  const { writeFile } = await import("node:fs/promises");
  const exported = async (merchantId: string) => {
    const file = await shopFile(merchantId, `e2e-${Date.now()}.csv`);
    await writeFile(file.absolute, "\ufeffid,email\n");
    return withTenant(merchantId, (db) =>
      db.dataJob.create({ data: { merchantId, kind: "export", status: "done", fileName: "customers.csv", filePath: file.relative, locale: "en", createdBy: "e2e" } }),
    );
  };
  const [ownExport, foreignExport] = [await exported(shop.merchant.id), await exported(otherShop.merchant.id)];
  const field = (merchantId: string) => withTenant(merchantId, (db) => db.customField.create({ data: { merchantId, key: "size", name: { en: "Size" }, type: "text" } }));
  const [ownField, foreignField] = [await field(shop.merchant.id), await field(otherShop.merchant.id)];
  const paths = await dashboardPaths(otherShop.merchant.slug, {
    id: String(foreignCustomer),
    "groups/:id": foreignGroup.id,
    "data-jobs/:id": foreignExport.id,
    "custom-fields/:id": foreignField.id,
  });
  expect(paths.length).toBeGreaterThanOrEqual(6);
  await logIn(page, shop.owner.email, shop.owner.password);
  for (const path of paths) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
  const post = await page.request.post(`/m/${otherShop.merchant.slug}/settings/staff`, {
    form: { intent: "invite", email: "intruder@example.test", role: "owner" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(post.status()).toBe(404);
  const preview = await page.request.post(`/m/${otherShop.merchant.slug}/groups/preview`, {
    form: { criteria: JSON.stringify({ version: 1, root: { type: "condition", field: "orders_count", op: "gte", value: 0 } }) },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(preview.status()).toBe(404);
  // …while the same URLs of shop A answer.
  // The other shop's ids inside shop A's URLs are not found either.
  expect((await page.request.get(`/m/${shop.merchant.slug}/customers/${foreignCustomer}`)).status()).toBe(404);
  expect((await page.request.get(`/m/${shop.merchant.slug}/custom-fields/${foreignField.id}`)).status()).toBe(404);
  for (const path of await dashboardPaths(shop.merchant.slug, { id: String(ownCustomer), "groups/:id": ownGroup.id, "data-jobs/:id": ownExport.id, "custom-fields/:id": ownField.id })) {
    expect((await page.request.get(path)).status(), path).toBe(200);
  }
});

test("a POST from another origin is refused with 403", async ({ request, baseURL }) => {
  const foreign = await request.post("/login", { form: { email: "a@b.test", password: "x" }, headers: { Origin: "https://evil.example" } });
  expect(foreign.status()).toBe(403);
  const missing = await request.post("/logout", { headers: { Origin: "" } });
  expect(missing.status()).toBe(403);
  const same = await request.post("/login", { form: { email: "a@b.test", password: "x" }, headers: { Origin: baseURL! } });
  expect(same.status()).toBe(401);
});

test("the 11th wrong password within the window is throttled", async ({ page, shop, baseURL }) => {
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    const response = await page.request.post("/login", {
      form: { email: shop.owner.email, password: `wrong-${attempt}` },
      headers: { Origin: baseURL! },
    });
    expect(response.status(), `attempt ${attempt}`).toBe(401);
  }
  await page.goto("/login?lng=en");
  await page.getByLabel("E-mail").fill(shop.owner.email);
  await page.getByLabel("Password").fill(shop.owner.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("Too many failed attempts");
  await expect(page).toHaveURL(/\/login/);
});
