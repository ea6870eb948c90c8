import type { Prisma } from "~/generated/prisma/client";
import { queueCustomerEvaluation } from "~/modules/groups/events.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import type { CustomValues } from "~/modules/custom-fields/values";
import type { AddressInput } from "./schemas";

/** Address answers travel beside the address, validated by customFieldsSchema (address fields) at the boundary. */
export type AddressWrite = AddressInput & { customFields?: CustomValues };

/** Answers by field key: given keys replace or (null) clear, keys not given stay (a field disabled since). */
function mergeAnswers(current: unknown, given: CustomValues | undefined) {
  const merged: Record<string, unknown> = { ...(current && typeof current === "object" ? current : {}) };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged as Prisma.InputJsonObject;
}

async function customerExists({ db, merchant }: TenantScope, customerId: bigint) {
  return Boolean(await db.customer.findFirst({ where: { merchantId: merchant.id, id: customerId }, select: { id: true } }));
}

/** Exactly one default address: the first address is the default, and setting one default clears the others. */
async function clearDefault({ db, merchant }: TenantScope, customerId: bigint) {
  await db.address.updateMany({ where: { merchantId: merchant.id, customerId, isDefault: true }, data: { isDefault: false } });
}

export async function addAddress(scope: TenantScope, customerId: bigint, write: AddressWrite) {
  const { db, merchant } = scope;
  const { customFields, ...input } = write;
  if (!(await customerExists(scope, customerId))) return null;
  const hasAny = await db.address.count({ where: { merchantId: merchant.id, customerId } });
  const isDefault = input.isDefault || hasAny === 0;
  if (isDefault) await clearDefault(scope, customerId);
  const address = await db.address.create({ data: { ...input, isDefault, merchantId: merchant.id, customerId, customFields: mergeAnswers({}, customFields) } });
  await queueCustomerEvaluation(db, merchant.id, [customerId]);
  return address;
}

export async function updateAddress(scope: TenantScope, customerId: bigint, addressId: bigint, write: AddressWrite) {
  const { db, merchant } = scope;
  const { customFields, ...input } = write;
  const current = await db.address.findFirst({ where: { merchantId: merchant.id, customerId, id: addressId } });
  if (!current) return null;
  // The default can move to another address, not disappear.
  const isDefault = input.isDefault || current.isDefault;
  if (isDefault && !current.isDefault) await clearDefault(scope, customerId);
  const address = await db.address.update({ where: { merchantId_id: { merchantId: merchant.id, id: addressId } }, data: { ...input, isDefault, customFields: mergeAnswers(current.customFields, customFields) } });
  await queueCustomerEvaluation(db, merchant.id, [customerId]);
  return address;
}

export async function setDefaultAddress(scope: TenantScope, customerId: bigint, addressId: bigint) {
  const { db, merchant } = scope;
  const address = await db.address.findFirst({ where: { merchantId: merchant.id, customerId, id: addressId }, select: { id: true } });
  if (!address) return false;
  await clearDefault(scope, customerId);
  await db.address.update({ where: { merchantId_id: { merchantId: merchant.id, id: addressId } }, data: { isDefault: true } });
  await queueCustomerEvaluation(db, merchant.id, [customerId]);
  return true;
}

export async function removeAddress(scope: TenantScope, customerId: bigint, addressId: bigint) {
  const { db, merchant } = scope;
  const address = await db.address.findFirst({ where: { merchantId: merchant.id, customerId, id: addressId } });
  if (!address) return false;
  await db.address.delete({ where: { merchantId_id: { merchantId: merchant.id, id: addressId } } });
  if (address.isDefault) {
    const next = await db.address.findFirst({ where: { merchantId: merchant.id, customerId }, orderBy: { id: "asc" }, select: { id: true } });
    if (next) await db.address.update({ where: { merchantId_id: { merchantId: merchant.id, id: next.id } }, data: { isDefault: true } });
  }
  await queueCustomerEvaluation(db, merchant.id, [customerId]);
  return true;
}

export function listAddresses({ db, merchant }: Pick<TenantScope, "db" | "merchant">, customerId: bigint) {
  return db.address.findMany({ where: { merchantId: merchant.id, customerId }, orderBy: [{ isDefault: "desc" }, { id: "asc" }] });
}
