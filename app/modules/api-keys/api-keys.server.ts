import { createHash, randomBytes } from "node:crypto";
import { recordActivity } from "~/modules/activity/record-activity.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { Prisma, type ApiKey, type Merchant } from "~/generated/prisma/client";
import { merchantFromJson, type MerchantJson } from "~/modules/merchants/merchant-json.server";
import { read, withTenant } from "~/utils/db.server";

const KEY_PATTERN = /^clt_([a-z0-9]+(?:-[a-z0-9]+)*)_([A-Za-z0-9_-]{43})$/;
/** How many characters of the secret are kept in clear, so staff can tell keys apart. */
export const PREFIX_LENGTH = 12;
/** last_used_at is written at most this often per key, so busy keys do not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** The key names its shop (so the merchant is found before a tenant is set) and carries 256 random bits. */
export function parseApiKey(key: string): { slug: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { slug: match[1]!, secret: match[2]! } : null;
}

/** Only this hash of the whole key is stored: a database leak does not hand out working keys. */
export function hashApiKey(key: string) {
  return createHash("sha256").update(key).digest("hex");
}

export function displayPrefix(slug: string, prefix: string) {
  return `clt_${slug}_${prefix}`;
}

/** Creates a key and returns its plaintext: the only time it exists outside the client's hands. */
export async function createApiKey(scope: TenantScope, name: string) {
  const { db, merchant, actor } = scope;
  const secret = randomBytes(32).toString("base64url");
  const key = `clt_${merchant.slug}_${secret}`;
  const row = await db.apiKey.create({
    data: { merchantId: merchant.id, name, prefix: secret.slice(0, PREFIX_LENGTH), secretHash: hashApiKey(key), createdBy: actor.name },
  });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "api-key.created", subject: name });
  return { id: row.id, name: row.name, prefix: row.prefix, key };
}

export function listApiKeys({ db, merchant }: Pick<TenantScope, "db" | "merchant">) {
  return db.apiKey.findMany({
    where: { merchantId: merchant.id },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, createdBy: true, lastUsedAt: true, revokedAt: true, createdAt: true },
  });
}

export async function revokeApiKey(scope: TenantScope, keyId: string) {
  const { db, merchant, actor } = scope;
  const key = await db.apiKey.findFirst({ where: { merchantId: merchant.id, id: keyId, revokedAt: null }, select: { name: true } });
  if (!key) return false;
  await db.apiKey.updateMany({ where: { merchantId: merchant.id, id: keyId, revokedAt: null }, data: { revokedAt: new Date() } });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "api-key.revoked", subject: key.name });
  return true;
}

export interface ApiPrincipal {
  merchant: Merchant;
  apiKey: Pick<ApiKey, "id" | "name">;
}

/**
 * The shop and key behind an `Authorization: Bearer clt_…` header, or null: one statement on the lean read path
 * (decision 014), the key found by the hash of the whole token inside the shop its slug names. Marking the key used
 * is a write, at most once a minute per key.
 */
export async function authenticateApiKey(authorization: string | null): Promise<ApiPrincipal | null> {
  const token = /^Bearer +(\S+) *$/i.exec(authorization ?? "")?.[1];
  const parsed = token ? parseApiKey(token) : null;
  if (!token || !parsed) return null;
  const [row] = await read<{ merchant: MerchantJson; key_id: string; key_name: string; last_used_at: Date | null }>(
    Prisma.sql`SELECT merchant, key_id::text AS key_id, key_name, last_used_at FROM app_api_key(${parsed.slug}, ${hashApiKey(token)})`,
  );
  if (!row) return null;
  const merchant = merchantFromJson(row.merchant);
  const now = new Date();
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.last_used_at || row.last_used_at < stale) {
    await withTenant(merchant.id, (db) =>
      db.apiKey.updateMany({
        where: { merchantId: merchant.id, id: row.key_id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
        data: { lastUsedAt: now },
      }),
    );
  }
  return { merchant, apiKey: { id: row.key_id, name: row.key_name } };
}
