import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createShop } from "../../../tests/factories";
import { withTenant } from "~/utils/db.server";
import { authenticateApiKey, createApiKey, listApiKeys, parseApiKey, revokeApiKey } from "./api-keys.server";

type Shop = Awaited<ReturnType<typeof createShop>>;
const actor = { staffId: null, name: "Owner" };
const newKey = (shop: Shop, name = "Warehouse") => withTenant(shop.merchant.id, (db) => createApiKey({ db, merchant: shop.merchant, actor }, name));
const row = (shop: Shop, id: string) => withTenant(shop.merchant.id, (db) => db.apiKey.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id } }));

describe("API keys", () => {
  it("are clt_<slug>_<43-char secret> and only a SHA-256 of the whole key is stored", async () => {
    const shop = await createShop();
    const created = await newKey(shop);
    const match = /^clt_([a-z0-9-]+)_([A-Za-z0-9_-]{43})$/.exec(created.key);
    expect(match?.[1]).toBe(shop.merchant.slug);
    const secret = match![2]!;
    const stored = await row(shop, created.id);
    expect(stored.secretHash).toBe(createHash("sha256").update(created.key).digest("hex"));
    expect(stored.prefix).toBe(secret.slice(0, 12));
    expect(stored.createdBy).toBe("Owner");
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(parseApiKey(created.key)).toEqual({ slug: shop.merchant.slug, secret });

    const other = await newKey(shop);
    expect(other.key).not.toBe(created.key);
  });

  it("authenticate by the bearer header, within the shop the key names, and not once revoked", async () => {
    const shop = await createShop();
    const other = await createShop();
    const { key, id } = await newKey(shop, "ERP");
    const principal = await authenticateApiKey(`Bearer ${key}`);
    expect(principal?.merchant.id).toBe(shop.merchant.id);
    expect(principal?.apiKey).toEqual({ id, name: "ERP" });

    expect(await authenticateApiKey(null)).toBeNull();
    expect(await authenticateApiKey(key)).toBeNull();
    expect(await authenticateApiKey(`Basic ${key}`)).toBeNull();
    // The same secret under another shop's slug is another key, which does not exist.
    expect(await authenticateApiKey(`Bearer ${key.replace(shop.merchant.slug, other.merchant.slug)}`)).toBeNull();
    expect(await authenticateApiKey(`Bearer ${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(await authenticateApiKey(`Bearer clt_no-such-shop-here_${key.slice(-43)}`)).toBeNull();

    const scope = (db: Parameters<Parameters<typeof withTenant>[1]>[0]) => ({ db, merchant: shop.merchant, actor });
    expect(await withTenant(other.merchant.id, (db) => revokeApiKey({ db, merchant: other.merchant, actor }, id))).toBe(false);
    expect(await authenticateApiKey(`Bearer ${key}`)).not.toBeNull();
    expect(await withTenant(shop.merchant.id, (db) => revokeApiKey(scope(db), id))).toBe(true);
    expect(await withTenant(shop.merchant.id, (db) => revokeApiKey(scope(db), id))).toBe(false);
    expect(await authenticateApiKey(`Bearer ${key}`)).toBeNull();
    const listed = await withTenant(shop.merchant.id, (db) => listApiKeys(scope(db)));
    expect(listed).toHaveLength(1);
    expect(listed[0]?.revokedAt).toBeInstanceOf(Date);
    expect(listed[0]).not.toHaveProperty("secretHash");
  });

  it("record last use at most once a minute", async () => {
    const shop = await createShop();
    const { key, id } = await newKey(shop);
    expect((await row(shop, id)).lastUsedAt).toBeNull();
    await authenticateApiKey(`Bearer ${key}`);
    const first = (await row(shop, id)).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await authenticateApiKey(`Bearer ${key}`);
    expect((await row(shop, id)).lastUsedAt).toEqual(first);

    const old = new Date(Date.now() - 61_000);
    await withTenant(shop.merchant.id, (db) => db.apiKey.updateMany({ where: { merchantId: shop.merchant.id, id }, data: { lastUsedAt: old } }));
    await authenticateApiKey(`Bearer ${key}`);
    expect((await row(shop, id)).lastUsedAt!.getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });
});
