import { recordActivity } from "~/modules/activity/record-activity.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { isCheckViolation } from "./errors.server";

async function exists({ db, merchant }: Pick<TenantScope, "db" | "merchant">, customerId: bigint) {
  return Boolean(await db.customer.findFirst({ where: { merchantId: merchant.id, id: customerId }, select: { id: true } }));
}

export async function addTransaction(scope: TenantScope, customerId: bigint, input: { description: string; amount: number; orderId?: bigint }) {
  const { db, merchant, actor } = scope;
  if (!(await exists(scope, customerId))) return null;
  const row = await db.customerTransaction.create({
    data: { merchantId: merchant.id, customerId, description: input.description, amount: input.amount, orderId: input.orderId ?? null },
  });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "customer.credit", subject: `#${customerId}`, data: { amount: input.amount } });
  return row;
}

/** Store credit with the running balance after each entry, newest first. */
export async function listTransactions({ db, merchant }: Pick<TenantScope, "db" | "merchant">, customerId: bigint, take = 100) {
  const rows = await db.$queryRaw<Array<{ id: bigint; description: string; amount: string; order_id: bigint | null; created_at: Date; balance: string }>>`
    SELECT id, description, amount::text, order_id, created_at,
           (sum(amount) OVER (ORDER BY created_at, id))::text AS balance
      FROM customer_transactions
     WHERE merchant_id = ${merchant.id}::uuid AND customer_id = ${customerId}
     ORDER BY created_at DESC, id DESC
     LIMIT ${take}`;
  const total = await db.customerTransaction.aggregate({ where: { merchantId: merchant.id, customerId }, _sum: { amount: true } });
  return {
    balance: total._sum.amount?.toString() ?? "0",
    entries: rows.map((r) => ({ id: r.id.toString(), description: r.description, amount: r.amount, orderId: r.order_id?.toString() ?? null, createdAt: r.created_at.toISOString(), balance: r.balance })),
  };
}

export type PointsResult = { ok: true; balance: number } | { ok: false; error: "notFound" | "pointsBelowZero" };

/** Points are added or (negative) subtracted; the database refuses a balance below zero. */
export async function addRewardPoints(scope: TenantScope, customerId: bigint, input: { description: string; points: number; orderId?: bigint }): Promise<PointsResult> {
  const { db, merchant, actor } = scope;
  if (!(await exists(scope, customerId))) return { ok: false, error: "notFound" };
  await db.$executeRaw`SAVEPOINT add_points`;
  try {
    await db.rewardPoint.create({
      data: { merchantId: merchant.id, customerId, description: input.description, points: input.points, orderId: input.orderId ?? null },
    });
    await db.$executeRaw`RELEASE SAVEPOINT add_points`;
  } catch (error) {
    await db.$executeRaw`ROLLBACK TO SAVEPOINT add_points`;
    if (isCheckViolation(error)) return { ok: false, error: "pointsBelowZero" };
    throw error;
  }
  const customer = await db.customer.findFirstOrThrow({ where: { merchantId: merchant.id, id: customerId }, select: { pointsBalance: true } });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "customer.points", subject: `#${customerId}`, data: { points: input.points } });
  return { ok: true, balance: customer.pointsBalance };
}

export async function listRewardPoints({ db, merchant }: Pick<TenantScope, "db" | "merchant">, customerId: bigint, take = 100) {
  const rows = await db.$queryRaw<Array<{ id: bigint; description: string; points: number; order_id: bigint | null; created_at: Date; balance: bigint }>>`
    SELECT id, description, points, order_id, created_at, sum(points) OVER (ORDER BY created_at, id) AS balance
      FROM reward_points
     WHERE merchant_id = ${merchant.id}::uuid AND customer_id = ${customerId}
     ORDER BY created_at DESC, id DESC
     LIMIT ${take}`;
  return rows.map((r) => ({ id: r.id.toString(), description: r.description, points: r.points, orderId: r.order_id?.toString() ?? null, createdAt: r.created_at.toISOString(), balance: Number(r.balance) }));
}

export async function addComment(scope: TenantScope, customerId: bigint, body: string) {
  const { db, merchant, actor } = scope;
  if (!(await exists(scope, customerId))) return null;
  return db.customerComment.create({ data: { merchantId: merchant.id, customerId, staffId: actor.staffId, authorName: actor.name, body } });
}

export function listComments({ db, merchant }: Pick<TenantScope, "db" | "merchant">, customerId: bigint) {
  return db.customerComment.findMany({ where: { merchantId: merchant.id, customerId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 200 });
}

/** Each IP the customer used, with how many other customers of the shop used it too (a fraud signal). */
export async function listCustomerIps({ db, merchant }: Pick<TenantScope, "db" | "merchant">, customerId: bigint) {
  const rows = await db.$queryRaw<Array<{ ip: string; country: string | null; first_seen: Date; last_seen: Date; login_count: number; others: bigint }>>`
    SELECT i.ip::text AS ip, i.country, i.first_seen, i.last_seen, i.login_count,
           (SELECT count(*) FROM customer_ips o WHERE o.merchant_id = i.merchant_id AND o.ip = i.ip AND o.customer_id <> i.customer_id) AS others
      FROM customer_ips i
     WHERE i.merchant_id = ${merchant.id}::uuid AND i.customer_id = ${customerId}
     ORDER BY i.last_seen DESC`;
  return rows.map((r) => ({ ip: r.ip, country: r.country, firstSeen: r.first_seen.toISOString(), lastSeen: r.last_seen.toISOString(), loginCount: r.login_count, others: Number(r.others) }));
}

/** Records a sign-in (or registration) from an IP: first/last seen and a login count per customer and address. */
export async function recordCustomerIp({ db, merchant }: Pick<TenantScope, "db" | "merchant">, customerId: bigint, ip: string, country: string | null = null) {
  await db.$executeRaw`
    INSERT INTO customer_ips (merchant_id, customer_id, ip, country)
    VALUES (${merchant.id}::uuid, ${customerId}, ${ip}::inet, ${country})
    ON CONFLICT (merchant_id, customer_id, ip)
    DO UPDATE SET last_seen = now(), login_count = customer_ips.login_count + 1, country = coalesce(EXCLUDED.country, customer_ips.country)`;
}
