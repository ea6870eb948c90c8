import { expect, logIn, test } from "../fixtures";

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
}

/** Every dashboard URL the app serves, read from the server build's route manifest, with real ids filled in. */
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
    .map(fullPath)
    .filter((p) => p.startsWith("m/:shop"))
    .map((p) => `/${p.replace(":shop", slug).replace(/:(\w+)/g, (_, name: string) => ids[name] ?? `:${name}`)}`);
  return [...new Set(paths)];
}

test("a staff user of shop A gets 404 for every dashboard URL of shop B", async ({ page, shop, otherShop }) => {
  const { addNamedCustomers } = await import("../../tests/factories");
  const [ownCustomer] = await addNamedCustomers(shop.merchant.id, [{ firstName: "Own", lastName: "Customer" }]);
  const [foreignCustomer] = await addNamedCustomers(otherShop.merchant.id, [{ firstName: "Foreign", lastName: "Customer" }]);
  const paths = await dashboardPaths(otherShop.merchant.slug, { id: String(foreignCustomer) });
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
  // …while the same URLs of shop A answer.
  // The other shop's customer id inside shop A's URLs is not found either.
  expect((await page.request.get(`/m/${shop.merchant.slug}/customers/${foreignCustomer}`)).status()).toBe(404);
  for (const path of await dashboardPaths(shop.merchant.slug, { id: String(ownCustomer) })) {
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
