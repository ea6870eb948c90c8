import { z } from "~/modules/validation/messages";
import { addAddress, listAddresses, removeAddress, updateAddress } from "~/modules/customers/addresses.server";
import { createCustomer, deleteCustomers, getCustomer, updateCustomer, type CustomerWriteResult } from "~/modules/customers/customers.server";
import { countCustomers, listCustomers } from "~/modules/customers/list-customers.server";
import { parseListQuery } from "~/modules/customers/list-query";
import { addressSchema, customerSchema } from "~/modules/customers/schemas";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import type { Address, Customer } from "~/generated/prisma/client";
import { API_BASE, ApiError, created, idParam, noContent, notFound, ok, type ApiRouteContext } from "./handler.server";
import { addressResource, customerListItem, customerResource } from "./serialize";

/** A PATCH body: any subset of the fields; null clears an optional field. */
export const PatchBody = z.record(z.string(), z.unknown());

/** The stored record as the schema's input, so a partial update is validated exactly like a full one. */
function merge(current: Record<string, unknown>, body: unknown) {
  const patch = PatchBody.parse(body);
  const merged: Record<string, unknown> = { ...current };
  for (const [name, value] of Object.entries(patch)) merged[name] = value === null ? undefined : value;
  return merged;
}

const undef = <T>(value: T | null) => value ?? undefined;

function customerInput(c: Customer) {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: undef(c.phone),
    nationalId: undef(c.nationalId),
    gender: undef(c.gender),
    birthDate: c.birthDate?.toISOString().slice(0, 10),
    locale: undef(c.locale),
    newsletter: c.newsletter,
    status: c.status,
    approval: c.approval,
    notes: undef(c.notes),
  };
}

function addressInput(a: Address) {
  return {
    firstName: a.firstName,
    lastName: a.lastName,
    company: undef(a.company),
    line1: a.line1,
    line2: undef(a.line2),
    city: a.city,
    region: undef(a.region),
    postcode: undef(a.postcode),
    country: a.country,
    phone: undef(a.phone),
    isDefault: a.isDefault,
  };
}

const customerPath = (id: bigint) => `${API_BASE}/customers/${id}`;
const addressPath = (customerId: bigint, id: bigint) => `${customerPath(customerId)}/addresses/${id}`;

function written(result: CustomerWriteResult): bigint {
  if (result.ok) return result.id;
  if (result.error === "emailTaken") throw new ApiError(409, "conflict", { message: "validation:customerEmailTaken", path: "email" });
  notFound();
}

export async function requireCustomer({ db, merchant }: Pick<TenantScope, "db" | "merchant">, id: bigint) {
  const customer = await db.customer.findFirst({ where: { merchantId: merchant.id, id }, select: { id: true, pointsBalance: true } });
  if (!customer) notFound();
  return customer;
}

async function customerBody(scope: TenantScope, id: bigint) {
  const customer = await getCustomer(scope, id);
  if (!customer) notFound();
  return customerResource(customer);
}

export const customers = {
  async list({ scope, url }: ApiRouteContext) {
    const query = parseListQuery(url.searchParams);
    const page = await listCustomers(scope, query);
    const total = await countCustomers(scope, query, query.count === "exact");
    return ok({ data: page.customers.map(customerListItem), next: page.next, prev: page.prev, count: { value: total.count, capped: total.capped } });
  },

  async get({ scope, params }: ApiRouteContext) {
    return ok(await customerBody(scope, idParam(params)));
  },

  async create({ scope, body }: ApiRouteContext) {
    const input = customerSchema(scope.merchant.country).parse(body);
    const id = written(await createCustomer(scope, input));
    return created(await customerBody(scope, id), customerPath(id));
  },

  async update({ scope, params, body }: ApiRouteContext) {
    const id = idParam(params);
    const current = await scope.db.customer.findFirst({ where: { merchantId: scope.merchant.id, id } });
    if (!current) notFound();
    const input = customerSchema(scope.merchant.country).parse(merge(customerInput(current), body));
    written(await updateCustomer(scope, id, input));
    return ok(await customerBody(scope, id));
  },

  async remove({ scope, params }: ApiRouteContext) {
    const deleted = await deleteCustomers(scope, [idParam(params)]);
    if (deleted === 0) notFound();
    return noContent();
  },
};

function findAddress({ db, merchant }: TenantScope, customerId: bigint, id: bigint) {
  return db.address.findFirst({ where: { merchantId: merchant.id, customerId, id } });
}

export const addresses = {
  async list({ scope, params }: ApiRouteContext) {
    const customerId = idParam(params);
    await requireCustomer(scope, customerId);
    return ok({ data: (await listAddresses(scope, customerId)).map(addressResource) });
  },

  async get({ scope, params }: ApiRouteContext) {
    const address = await findAddress(scope, idParam(params), idParam(params, "addressId"));
    if (!address) notFound();
    return ok(addressResource(address));
  },

  async create({ scope, params, body }: ApiRouteContext) {
    const customerId = idParam(params);
    await requireCustomer(scope, customerId);
    const input = addressSchema(scope.merchant.country).parse(body);
    const address = await addAddress(scope, customerId, input);
    if (!address) notFound();
    return created(addressResource(address), addressPath(customerId, address.id));
  },

  async update({ scope, params, body }: ApiRouteContext) {
    const customerId = idParam(params);
    const current = await findAddress(scope, customerId, idParam(params, "addressId"));
    if (!current) notFound();
    const input = addressSchema(scope.merchant.country).parse(merge(addressInput(current), body));
    const address = await updateAddress(scope, customerId, current.id, input);
    if (!address) notFound();
    return ok(addressResource(address));
  },

  async remove({ scope, params }: ApiRouteContext) {
    const removed = await removeAddress(scope, idParam(params), idParam(params, "addressId"));
    if (!removed) notFound();
    return noContent();
  },
};
