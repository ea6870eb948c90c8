import { z } from "~/modules/validation/messages";
import { addAddress, listAddresses, removeAddress, updateAddress } from "~/modules/customers/addresses.server";
import { createCustomer, deleteCustomers, getCustomer, updateCustomer, type CustomerWriteResult } from "~/modules/customers/customers.server";
import { listCustomersWithCount } from "~/modules/customers/list-customers.server";
import { parseListQuery } from "~/modules/customers/list-query";
import { addressSchema, customerSchema } from "~/modules/customers/schemas";
import { readAnswers } from "~/modules/custom-fields/answers.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import type { FieldDefinition } from "~/modules/custom-fields/values";
import type { Address, Customer } from "~/generated/prisma/client";
import { API_BASE, ApiError, created, idParam, noContent, notFound, ok, readOnly, type ApiRouteContext } from "./handler.server";
import { checkCustomFields, shopFields, together } from "./custom-fields.server";
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
  const fields = await shopFields(scope);
  const answers = await readAnswers(scope, scope.merchant.id, fields.account, [id]);
  return customerResource(customer, fields, answers.get(id));
}

export const customers = {
  /** The list reads on the lean path (decision 014), like the dashboard's. */
  list: readOnly(async ({ scope, url }) => {
    const query = parseListQuery(url.searchParams);
    const { page, total } = await listCustomersWithCount(scope, query);
    const { account } = await shopFields(scope);
    const answers = await readAnswers(scope, scope.merchant.id, account, page.customers.map((c) => BigInt(c.id)));
    return ok({ data: page.customers.map((c) => customerListItem(c, account, answers.get(BigInt(c.id)))), next: page.next, prev: page.prev, count: { value: total.count, capped: total.capped } });
  }),

  async get({ scope, params }: ApiRouteContext) {
    return ok(await customerBody(scope, idParam(params)));
  },

  async create({ scope, body, request }: ApiRouteContext) {
    const { account } = await shopFields(scope);
    const custom = await checkCustomFields(scope, request, account, body, { customerId: null, partial: false });
    const { input, customFields } = together(customerSchema(scope.merchant.country).safeParse(body), custom);
    const id = written(await createCustomer(scope, { ...input, customFields }));
    return created(await customerBody(scope, id), customerPath(id));
  },

  async update({ scope, params, body, request }: ApiRouteContext) {
    const id = idParam(params);
    const current = await scope.db.customer.findFirst({ where: { merchantId: scope.merchant.id, id } });
    if (!current) notFound();
    const { account } = await shopFields(scope);
    const custom = await checkCustomFields(scope, request, account, body, { customerId: id, partial: true });
    const { input, customFields } = together(customerSchema(scope.merchant.country).safeParse(merge(customerInput(current), body)), custom);
    written(await updateCustomer(scope, id, { ...input, customFields }));
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

/** The address as stored after its answers were saved beside it (addresses.custom_fields, decision 010). */
async function addressBody(scope: TenantScope, customerId: bigint, id: bigint, fields: FieldDefinition[]) {
  const address = await findAddress(scope, customerId, id);
  if (!address) notFound();
  return addressResource(address, fields);
}

export const addresses = {
  async list({ scope, params }: ApiRouteContext) {
    const customerId = idParam(params);
    await requireCustomer(scope, customerId);
    const { address } = await shopFields(scope);
    return ok({ data: (await listAddresses(scope, customerId)).map((a) => addressResource(a, address)) });
  },

  async get({ scope, params }: ApiRouteContext) {
    const { address } = await shopFields(scope);
    return ok(await addressBody(scope, idParam(params), idParam(params, "addressId"), address));
  },

  async create({ scope, params, body, request }: ApiRouteContext) {
    const customerId = idParam(params);
    await requireCustomer(scope, customerId);
    const fields = (await shopFields(scope)).address;
    const custom = await checkCustomFields(scope, request, fields, body, { customerId, partial: false });
    const { input, customFields } = together(addressSchema(scope.merchant.country).safeParse(body), custom);
    const address = await addAddress(scope, customerId, { ...input, customFields });
    if (!address) notFound();
    return created(await addressBody(scope, customerId, address.id, fields), addressPath(customerId, address.id));
  },

  async update({ scope, params, body, request }: ApiRouteContext) {
    const customerId = idParam(params);
    const current = await findAddress(scope, customerId, idParam(params, "addressId"));
    if (!current) notFound();
    const fields = (await shopFields(scope)).address;
    const custom = await checkCustomFields(scope, request, fields, body, { customerId, partial: true });
    const { input, customFields } = together(addressSchema(scope.merchant.country).safeParse(merge(addressInput(current), body)), custom);
    const address = await updateAddress(scope, customerId, current.id, { ...input, customFields });
    if (!address) notFound();
    return ok(await addressBody(scope, customerId, address.id, fields));
  },

  async remove({ scope, params }: ApiRouteContext) {
    const removed = await removeAddress(scope, idParam(params), idParam(params, "addressId"));
    if (!removed) notFound();
    return noContent();
  },
};
