import type { z } from "zod";
import { recordActivity } from "~/modules/activity/record-activity.server";
import { isUniqueViolation } from "~/modules/customers/errors.server";
import type { OrderSchema, RatingSchema } from "~/modules/customers/schemas";
import { queueCustomerEvaluation } from "~/modules/groups/events.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import type { OrderStatus } from "~/generated/prisma/client";

export type OrderResult = { ok: true; id: bigint } | { ok: false; error: "customerNotFound" | "numberTaken" | "notFound" };

/** Orders are facts groups are computed from; customer_stats follows in the same transaction (triggers). */
export async function createOrder(scope: TenantScope, input: z.output<typeof OrderSchema>): Promise<OrderResult> {
  const { db, merchant, actor } = scope;
  const customer = await db.customer.findFirst({ where: { merchantId: merchant.id, id: input.customerId }, select: { id: true } });
  if (!customer) return { ok: false, error: "customerNotFound" };
  await db.$executeRaw`SAVEPOINT create_order`;
  try {
    const order = await db.order.create({
      data: {
        merchantId: merchant.id,
        number: input.number,
        customerId: input.customerId,
        status: input.status,
        total: input.total,
        currency: input.currency ?? merchant.currency,
        paymentMethod: input.paymentMethod,
        shippingMethod: input.shippingMethod,
        ...(input.createdAt ? { createdAt: input.createdAt } : {}),
        items: { create: input.items },
      },
      select: { id: true },
    });
    await db.$executeRaw`RELEASE SAVEPOINT create_order`;
    await recordActivity(db, { merchantId: merchant.id, actor, action: "order.created", subject: input.number });
    await queueCustomerEvaluation(db, merchant.id, [input.customerId]);
    return { ok: true, id: order.id };
  } catch (error) {
    await db.$executeRaw`ROLLBACK TO SAVEPOINT create_order`;
    if (isUniqueViolation(error)) return { ok: false, error: "numberTaken" };
    throw error;
  }
}

export async function updateOrderStatus(scope: TenantScope, orderId: bigint, status: OrderStatus): Promise<OrderResult> {
  const { db, merchant, actor } = scope;
  const order = await db.order.findFirst({ where: { merchantId: merchant.id, id: orderId }, select: { customerId: true } });
  if (!order) return { ok: false, error: "notFound" };
  await db.order.updateMany({ where: { merchantId: merchant.id, id: orderId }, data: { status } });
  await queueCustomerEvaluation(db, merchant.id, [order.customerId]);
  await recordActivity(db, { merchantId: merchant.id, actor, action: "order.status", subject: `#${orderId}`, data: { status } });
  return { ok: true, id: orderId };
}

export function getOrder({ db, merchant }: Pick<TenantScope, "db" | "merchant">, orderId: bigint) {
  return db.order.findFirst({ where: { merchantId: merchant.id, id: orderId }, include: { items: { orderBy: { id: "asc" } } } });
}

export function listCustomerOrders({ db, merchant }: Pick<TenantScope, "db" | "merchant">, customerId: bigint, take = 100) {
  return db.order.findMany({
    where: { merchantId: merchant.id, customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    include: { items: { orderBy: { id: "asc" } } },
  });
}

export async function createRating(scope: TenantScope, input: z.output<typeof RatingSchema>) {
  const { db, merchant } = scope;
  const customer = await db.customer.findFirst({ where: { merchantId: merchant.id, id: input.customerId }, select: { id: true } });
  if (!customer) return null;
  const rating = await db.storeRating.create({ data: { merchantId: merchant.id, customerId: input.customerId, stars: input.stars, comment: input.comment } });
  await queueCustomerEvaluation(db, merchant.id, [input.customerId]);
  return rating;
}
