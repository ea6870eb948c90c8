import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Prisma } from "~/generated/prisma/client";
import { recordActivity } from "~/modules/activity/record-activity.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { withTenant } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { message, z } from "~/modules/validation/messages";

import { webhookEvents } from "./events";

export const EndpointSchema = z.object({
  url: z
    .string()
    .trim()
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//.test(u), message("webhookUrl"))
    .refine((u) => env.NODE_ENV !== "production" || u.startsWith("https://"), message("webhookHttps")),
  events: z.array(z.enum(webhookEvents)).min(1, message("chooseOne")),
});

type Scope = Pick<TenantScope, "db" | "merchant">;

async function ensureSecret({ db, merchant }: Scope) {
  if (merchant.webhookSecret) return merchant.webhookSecret;
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  await db.merchant.update({ where: { id: merchant.id }, data: { webhookSecret: secret } });
  return secret;
}

export async function addEndpoint(scope: TenantScope, input: z.infer<typeof EndpointSchema>) {
  await ensureSecret(scope);
  const endpoint = await scope.db.webhookEndpoint.create({ data: { merchantId: scope.merchant.id, url: input.url, events: input.events } });
  await recordActivity(scope.db, { merchantId: scope.merchant.id, actor: scope.actor, action: "webhook.added", subject: input.url });
  return endpoint;
}

export async function removeEndpoint(scope: TenantScope, id: string) {
  const { count } = await scope.db.webhookEndpoint.deleteMany({ where: { merchantId: scope.merchant.id, id } });
  if (count) await recordActivity(scope.db, { merchantId: scope.merchant.id, actor: scope.actor, action: "webhook.removed", subject: id });
  return count > 0;
}

export async function setEndpointActive({ db, merchant }: Scope, id: string, active: boolean) {
  const { count } = await db.webhookEndpoint.updateMany({ where: { merchantId: merchant.id, id }, data: { active } });
  return count > 0;
}

export async function rotateSecret(scope: TenantScope) {
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  await scope.db.merchant.update({ where: { id: scope.merchant.id }, data: { webhookSecret: secret } });
  await recordActivity(scope.db, { merchantId: scope.merchant.id, actor: scope.actor, action: "webhook.secret_rotated" });
  return secret;
}

/**
 * Deliveries for membership changes, written in the same statement as the changes (`changes` is a CTE name with
 * columns group_id, customer_id, event, reason, criteria_version), each queued through the job outbox.
 */
export function deliveriesFor(merchantId: string, changes: Prisma.Sql) {
  return Prisma.sql`
    deliveries AS (
      INSERT INTO webhook_deliveries (merchant_id, endpoint_id, event, payload)
      SELECT ${merchantId}::uuid, e.id, ch.event,
             jsonb_build_object('type', ch.event, 'groupId', ch.group_id, 'customerId', ch.customer_id::text,
                                'reason', ch.reason, 'criteriaVersion', ch.criteria_version, 'occurredAt', now())
        FROM ${changes} ch
        JOIN webhook_endpoints e ON e.merchant_id = ${merchantId}::uuid AND e.active AND ch.event = ANY (e.events)
      RETURNING id
    ), delivery_jobs AS (
      INSERT INTO job_outbox (queue, job_id, payload)
      SELECT 'webhook-deliver', 'hook-' || d.id, jsonb_build_object('merchantId', ${merchantId}::text, 'deliveryId', d.id)
        FROM deliveries d
      RETURNING id
    )`;
}

export function sign(secret: string, timestamp: number, body: string) {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** For receivers (and tests): checks `X-Clientela-Signature: t=<unix seconds>,v1=<hex>` within a tolerance. */
export function verifySignature(secret: string, header: string, body: string, toleranceSeconds = 300, now = Date.now()) {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  const timestamp = Number(parts.t);
  if (!parts.v1 || !Number.isFinite(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(secret, timestamp, body), "hex");
  const given = Buffer.from(parts.v1, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function privateAddress(ip: string) {
  if (isIP(ip) === 6) {
    const lower = ip.toLowerCase();
    return lower === "::1" || lower.startsWith("fc") || lower.startsWith("fd") || lower.startsWith("fe80") || lower.startsWith("::ffff:127.") || lower === "::";
  }
  const [a, b] = ip.split(".").map(Number) as [number, number];
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** Merchants choose the URL: in production it may not point into our own network (server-side request forgery). */
async function assertPublicTarget(url: URL) {
  if (env.WEBHOOK_ALLOW_PRIVATE) return;
  const addresses = isIP(url.hostname) ? [{ address: url.hostname }] : await lookup(url.hostname, { all: true });
  if (addresses.some((a) => privateAddress(a.address))) throw new Error(`refused: ${url.hostname} resolves to a private address`);
}

const TIMEOUT_MS = 10_000;

/** Sends one delivery; returns whether to retry. Each attempt is recorded on the delivery. */
export async function deliverWebhook(input: { merchantId: string; deliveryId: string }, attempt: { number: number; last: boolean }) {
  const loaded = await withTenant(input.merchantId, async (db) => {
    const delivery = await db.webhookDelivery.findFirst({ where: { merchantId: input.merchantId, id: input.deliveryId }, include: { endpoint: true } });
    const merchant = await db.merchant.findUniqueOrThrow({ where: { id: input.merchantId } });
    return { delivery, secret: merchant.webhookSecret };
  });
  const { delivery, secret } = loaded;
  if (!delivery || delivery.status !== "pending" || !delivery.endpoint.active || !secret) return "skipped" as const;

  const body = JSON.stringify({ id: delivery.id, ...(delivery.payload as object) });
  const timestamp = Math.floor(Date.now() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const url = new URL(delivery.endpoint.url);
    await assertPublicTarget(url);
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Clientela-Webhooks/1",
        "X-Clientela-Event": delivery.event,
        "X-Clientela-Delivery": delivery.id,
        "X-Clientela-Signature": `t=${timestamp},v1=${sign(secret, timestamp, body)}`,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = response.status;
    await response.body?.cancel();
  } catch (failure) {
    error = (failure as Error).message.slice(0, 500);
  }
  const succeeded = status !== null && status >= 200 && status < 300;
  await withTenant(input.merchantId, (db) =>
    db.webhookDelivery.update({
      where: { merchantId_id: { merchantId: input.merchantId, id: delivery.id } },
      data: {
        attempts: attempt.number,
        lastStatus: status,
        lastError: succeeded ? null : (error ?? `HTTP ${status}`),
        ...(succeeded ? { status: "succeeded" as const, deliveredAt: new Date() } : attempt.last ? { status: "failed" as const } : {}),
      },
    }),
  );
  if (!succeeded) throw new Error(`webhook ${delivery.id} attempt ${attempt.number} failed: ${error ?? `HTTP ${status}`}`);
  return "delivered" as const;
}

export function listDeliveries({ db, merchant }: Scope, take = 50) {
  return db.webhookDelivery.findMany({ where: { merchantId: merchant.id }, orderBy: { createdAt: "desc" }, take, include: { endpoint: { select: { url: true } } } });
}
