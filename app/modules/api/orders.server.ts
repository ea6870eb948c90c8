import { OrderSchema, OrderStatusSchema, RatingSchema } from "~/modules/customers/schemas";
import { createOrder, createRating, getOrder, updateOrderStatus } from "~/modules/orders/orders.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { API_BASE, ApiError, created, idParam, invalid, notFound, ok, type ApiRouteContext } from "./handler.server";
import { orderResource, ratingResource } from "./serialize";

const MAX_ID = 2n ** 63n - 1n;

/** An id in a body that PostgreSQL could not even store names no row of this shop. */
export function referencedId(value: bigint, path: string, message = "api:errors.customerNotFound") {
  if (value < 1n || value > MAX_ID) invalid(path, message);
  return value;
}

async function orderBody(scope: TenantScope, id: bigint) {
  const order = await getOrder(scope, id);
  if (!order) notFound();
  return orderResource(order);
}

export const orders = {
  async create({ scope, body }: ApiRouteContext) {
    const input = OrderSchema.parse(body);
    referencedId(input.customerId, "customerId");
    const result = await createOrder(scope, input);
    if (!result.ok) {
      if (result.error === "numberTaken") throw new ApiError(409, "conflict", { message: "errors.orderNumberTaken", path: "number" });
      invalid("customerId", "api:errors.customerNotFound");
    }
    return created(await orderBody(scope, result.id), `${API_BASE}/orders/${result.id}`);
  },

  async get({ scope, params }: ApiRouteContext) {
    return ok(await orderBody(scope, idParam(params)));
  },

  async update({ scope, params, body }: ApiRouteContext) {
    const id = idParam(params);
    const { status } = OrderStatusSchema.parse(body);
    const result = await updateOrderStatus(scope, id, status);
    if (!result.ok) notFound();
    return ok(await orderBody(scope, id));
  },
};

export const ratings = {
  async create({ scope, body }: ApiRouteContext) {
    const input = RatingSchema.parse(body);
    referencedId(input.customerId, "customerId");
    const rating = await createRating(scope, input);
    if (!rating) invalid("customerId", "api:errors.customerNotFound");
    return created(ratingResource(rating));
  },
};
