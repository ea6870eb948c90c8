import { describe, expect, it } from "vitest";
import { addStaff, createShop } from "../../../tests/factories";
import { contextFor, settle } from "../../../tests/routes";
import { action, loader } from "~/routes/m.$shop.settings.api-keys";
import { authenticateApiKey } from "./api-keys.server";

const post = (slug: string, fields: Record<string, string>) =>
  new Request(`http://localhost/m/${slug}/settings/api-keys`, { method: "POST", body: new URLSearchParams(fields) });

describe("Settings → API keys", () => {
  it("lets the owner create a key shown once, list it by prefix, and revoke it", async () => {
    const shop = await createShop();
    const context = await contextFor(shop.owner.id);
    const params = { shop: shop.merchant.slug };

    const invalid = await settle(action({ request: post(shop.merchant.slug, { intent: "create", name: "  " }), params, context }));
    expect(invalid.status).toBe(400);
    expect(invalid.data.created).toBeNull();

    const created = await settle(action({ request: post(shop.merchant.slug, { intent: "create", name: "Warehouse sync" }), params, context }));
    expect(created.status).toBe(200);
    const { key, name } = created.data.created as { key: string; name: string };
    expect(name).toBe("Warehouse sync");
    expect(key).toMatch(new RegExp(`^clt_${shop.merchant.slug}_[A-Za-z0-9_-]{43}$`));
    expect((await authenticateApiKey(`Bearer ${key}`))?.merchant.id).toBe(shop.merchant.id);

    const page = await settle(loader({ request: new Request(`http://localhost/m/${shop.merchant.slug}/settings/api-keys`), params, context }));
    const keys = page.data.keys as Array<{ id: string; name: string; prefix: string; revokedAt: string | null; createdBy: string }>;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ name: "Warehouse sync", prefix: key.slice(0, `clt_${shop.merchant.slug}_`.length + 12), revokedAt: null, createdBy: shop.owner.name });
    expect(JSON.stringify(page.data)).not.toContain(key.slice(-20));

    const revoked = await settle(action({ request: post(shop.merchant.slug, { intent: "revoke", keyId: keys[0]!.id }), params, context }));
    expect(revoked).toMatchObject({ status: 200, data: { error: null } });
    expect(await authenticateApiKey(`Bearer ${key}`)).toBeNull();
    const again = await settle(action({ request: post(shop.merchant.slug, { intent: "revoke", keyId: keys[0]!.id }), params, context }));
    expect(again).toMatchObject({ status: 404, data: { error: "keyNotFound" } });
  });

  it("is for owners only", async () => {
    const shop = await createShop();
    const { user } = await addStaff(shop.merchant.id, "admin");
    const context = await contextFor(user.id);
    const params = { shop: shop.merchant.slug };
    expect((await settle(loader({ request: new Request(`http://localhost/m/${shop.merchant.slug}/settings/api-keys`), params, context }))).status).toBe(403);
    expect((await settle(action({ request: post(shop.merchant.slug, { intent: "create", name: "Sneaky" }), params, context }))).status).toBe(403);
    // Staff of another shop do not even see that this one exists.
    const stranger = await createShop();
    const strangerContext = await contextFor(stranger.owner.id);
    expect((await settle(loader({ request: new Request(`http://localhost/m/${shop.merchant.slug}/settings/api-keys`), params, context: strangerContext }))).status).toBe(404);
  });
});
