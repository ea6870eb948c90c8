import { readFileSync } from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";
import { e2eEnv } from "../scripts/e2e-server";

// The factories talk to the end-to-end database directly, like the seed does.
Object.assign(process.env, { ...e2eEnv, NODE_ENV: "test" });
const factories = () => import("../tests/factories");

export type Shop = Awaited<ReturnType<Awaited<ReturnType<typeof factories>>["createShop"]>>;

/** A locale's strings, so journeys in Arabic or Persian find controls by their real, translated names. */
export function strings(lng: string, ns: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`locales/${lng}/${ns}.json`, "utf8")) as Record<string, unknown>;
}

export function tr(lng: string, key: string): string {
  const [ns, path] = key.split(":") as [string, string];
  const value = path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], strings(lng, ns));
  if (typeof value !== "string") throw new Error(`no string ${lng}/${key}`);
  return value;
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login?lng=en");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/m\//);
}

export const test = base.extend<{ shop: Shop; otherShop: Shop }>({
  shop: async ({}, use) => {
    const { createShop } = await factories();
    await use(await createShop());
  },
  otherShop: async ({}, use) => {
    const { createShop, addCustomers } = await factories();
    const shop = await createShop();
    await addCustomers(shop.merchant.id, 3);
    await use(shop);
  },
});

export { expect };
