import { addRewardPoints, addTransaction, listRewardPoints, listTransactions } from "~/modules/customers/ledger.server";
import { RewardPointsSchema, TransactionSchema } from "~/modules/customers/schemas";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { Prisma } from "~/generated/prisma/client";
import { created, idParam, invalid, notFound, ok, type ApiRouteContext } from "./handler.server";
import { requireCustomer } from "./customers.server";
import { referencedId } from "./orders.server";

const money = (value: string) => new Prisma.Decimal(value).toFixed(2);

async function transactions(scope: TenantScope, customerId: bigint, take?: number) {
  const list = await listTransactions(scope, customerId, take);
  return { balance: money(list.balance), data: list.entries.map((e) => ({ ...e, amount: money(e.amount), balance: money(e.balance) })) };
}

export const storeCredit = {
  async list({ scope, params }: ApiRouteContext) {
    const customerId = idParam(params);
    await requireCustomer(scope, customerId);
    return ok(await transactions(scope, customerId));
  },

  async create({ scope, params, body }: ApiRouteContext) {
    const customerId = idParam(params);
    await requireCustomer(scope, customerId);
    const input = TransactionSchema.parse(body);
    if (input.orderId !== undefined) referencedId(input.orderId, "orderId", "invalid");
    if (!(await addTransaction(scope, customerId, input))) notFound();
    const { balance, data } = await transactions(scope, customerId, 1);
    return created({ balance, data: data[0] });
  },
};

export const rewardPoints = {
  async list({ scope, params }: ApiRouteContext) {
    const customerId = idParam(params);
    const customer = await requireCustomer(scope, customerId);
    return ok({ balance: customer.pointsBalance, data: await listRewardPoints(scope, customerId) });
  },

  async create({ scope, params, body }: ApiRouteContext) {
    const customerId = idParam(params);
    await requireCustomer(scope, customerId);
    const input = RewardPointsSchema.parse(body);
    if (input.orderId !== undefined) referencedId(input.orderId, "orderId", "invalid");
    const result = await addRewardPoints(scope, customerId, input);
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      invalid("points", "pointsBelowZero");
    }
    const [entry] = await listRewardPoints(scope, customerId, 1);
    return created({ balance: result.balance, data: entry });
  },
};
