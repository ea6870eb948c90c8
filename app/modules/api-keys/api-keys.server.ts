import { createHash, randomBytes } from "node:crypto";
import { recordActivity } from "~/modules/activity/record-activity.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import type { ApiKey, Merchant } from "~/generated/prisma/client";
import { prisma, withTenant } from "~/utils/db.server";

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
 * The shop and key behind an `Authorization: Bearer clt_…` header, or null. The shop is read from the global
 * table by the slug in the key; the key itself is looked up by hash inside that shop's tenant transaction.
 */
export async function authenticateApiKey(authorization: string | null): Promise<ApiPrincipal | null> {
  const token = /^Bearer +(\S+) *$/i.exec(authorization ?? "")?.[1];
  const parsed = token ? parseApiKey(token) : null;
  if (!token || !parsed) return null;
  const merchant = await prisma.merchant.findUnique({ where: { slug: parsed.slug } });
  if (!merchant) return null;
  const secretHash = hashApiKey(token);
  return withTenant(merchant.id, async (db) => {
    const apiKey = await db.apiKey.findFirst({
      where: { merchantId: merchant.id, secretHash, revokedAt: null },
      select: { id: true, name: true, lastUsedAt: true },
    });
    if (!apiKey) return null;
    const now = new Date();
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    if (!apiKey.lastUsedAt || apiKey.lastUsedAt < stale) {
      await db.apiKey.updateMany({
        where: { merchantId: merchant.id, id: apiKey.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
        data: { lastUsedAt: now },
      });
    }
    return { merchant, apiKey: { id: apiKey.id, name: apiKey.name } };
  });
}
