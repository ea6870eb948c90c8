import type { z } from "zod";
import type { CustomerRow } from "~/modules/customers/list-customers.server";
import type { MembershipExplanation } from "~/modules/groups/membership.server";
import type { CustomValues, FieldDefinition } from "~/modules/custom-fields/values";
import type { Address, Customer, CustomerGroup, CustomerStats, GroupMember, GroupRecompute, Order, OrderItem, Prisma, StoreRating } from "~/generated/prisma/client";
import type {
  AddressResource,
  CustomerListItem,
  CustomerMembership,
  CustomerResource,
  CustomerStatsResource,
  GroupMemberResource,
  GroupResource,
  OrderResource,
  RatingResource,
  RecomputeResource,
} from "./resources";

type Out<T extends z.ZodTypeAny> = z.input<T>;

const money = (value: Prisma.Decimal) => value.toFixed(2);
const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** Every enabled field's answer by key, null when there is none (stored answers of disabled fields are not shown). */
export function customFieldValues(fields: FieldDefinition[], values: CustomValues | undefined): CustomValues {
  return Object.fromEntries(fields.map((f) => [f.key, values?.[f.key] ?? null]));
}

export function addressResource(a: Address, fields: FieldDefinition[]): Out<typeof AddressResource> {
  return {
    id: a.id.toString(),
    customerId: a.customerId.toString(),
    firstName: a.firstName,
    lastName: a.lastName,
    company: a.company,
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    region: a.region,
    postcode: a.postcode,
    country: a.country,
    phone: a.phone,
    isDefault: a.isDefault,
    customFields: customFieldValues(fields, a.customFields as CustomValues),
    createdAt: a.createdAt.toISOString(),
  };
}

function statsResource(s: CustomerStats | null): Out<typeof CustomerStatsResource> {
  return {
    ordersCount: s?.ordersCount ?? 0,
    completedCount: s?.completedCount ?? 0,
    cancelledCount: s?.cancelledCount ?? 0,
    totalSpent: s ? money(s.totalSpent) : "0.00",
    avgOrderValue: s ? money(s.avgOrderValue) : "0.00",
    firstOrderAt: iso(s?.firstOrderAt ?? null),
    lastOrderAt: iso(s?.lastOrderAt ?? null),
    lastRating: s?.lastRating ?? null,
    lastRatingAt: iso(s?.lastRatingAt ?? null),
  };
}

export interface ShopFields {
  account: FieldDefinition[];
  address: FieldDefinition[];
}

export function customerResource(c: Customer & { stats: CustomerStats | null; addresses: Address[] }, fields: ShopFields, answers: CustomValues | undefined): Out<typeof CustomerResource> {
  return {
    id: c.id.toString(),
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: c.phone,
    nationalId: c.nationalId,
    gender: c.gender,
    birthDate: c.birthDate ? c.birthDate.toISOString().slice(0, 10) : null,
    locale: c.locale as Out<typeof CustomerResource>["locale"],
    status: c.status,
    approval: c.approval,
    newsletter: c.newsletter,
    newsletterAt: iso(c.newsletterAt),
    notes: c.notes,
    registrationIp: c.registrationIp,
    lastLoginAt: iso(c.lastLoginAt),
    pointsBalance: c.pointsBalance,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    stats: statsResource(c.stats),
    addresses: c.addresses.map((a) => addressResource(a, fields.address)),
    customFields: customFieldValues(fields.account, answers),
  };
}

export function customerListItem({ defaultGroupId: _dashboardOnly, ...row }: CustomerRow, fields: FieldDefinition[], answers: CustomValues | undefined): Out<typeof CustomerListItem> {
  return { ...row, status: row.status as Customer["status"], approval: row.approval as Customer["approval"], customFields: customFieldValues(fields, answers) };
}

export function orderResource(o: Order & { items: OrderItem[] }): Out<typeof OrderResource> {
  return {
    id: o.id.toString(),
    number: o.number,
    customerId: o.customerId.toString(),
    status: o.status,
    total: money(o.total),
    currency: o.currency,
    paymentMethod: o.paymentMethod,
    shippingMethod: o.shippingMethod,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    items: o.items.map((i) => ({ id: i.id.toString(), productRef: i.productRef, name: i.name, quantity: i.quantity, price: money(i.price) })),
  };
}

export function ratingResource(r: StoreRating): Out<typeof RatingResource> {
  return { id: r.id.toString(), customerId: r.customerId.toString(), stars: r.stars, comment: r.comment, createdAt: r.createdAt.toISOString() };
}

type Texts = Out<typeof GroupResource>["name"];

export function recomputeResource(r: GroupRecompute): Out<typeof RecomputeResource> {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason === "criteria" ? "criteria" : "recompute",
    criteriaVersion: r.criteriaVersion,
    total: r.total,
    done: r.done,
    added: r.added,
    removed: r.removed,
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    finishedAt: iso(r.finishedAt),
  };
}

export function groupResource(g: CustomerGroup, recompute: GroupRecompute | null): Out<typeof GroupResource> {
  return {
    id: g.id,
    name: g.name as Texts,
    description: (g.description ?? {}) as Texts,
    color: g.color,
    sortOrder: g.sortOrder,
    kind: g.kind,
    criteria: (g.criteria ?? null) as Out<typeof GroupResource>["criteria"],
    criteriaVersion: g.criteriaVersion,
    needsApproval: g.needsApproval,
    selectableAtSignup: g.selectableAtSignup,
    isDefault: g.isDefault,
    memberCount: g.memberCount,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
    recompute: recompute ? recomputeResource(recompute) : null,
  };
}

export function groupMemberResource(m: GroupMember & { customer: Pick<Customer, "firstName" | "lastName" | "email"> }): Out<typeof GroupMemberResource> {
  return {
    id: m.customerId.toString(),
    firstName: m.customer.firstName,
    lastName: m.customer.lastName,
    email: m.customer.email,
    source: m.source,
    addedBy: m.addedBy,
    addedAt: m.addedAt.toISOString(),
  };
}

export function customerMembership(g: CustomerGroup, why: MembershipExplanation): Out<typeof CustomerMembership> {
  return {
    group: { id: g.id, name: g.name as Texts, color: g.color, kind: g.kind, sortOrder: g.sortOrder, isDefault: g.isDefault },
    source: why.source,
    addedBy: why.addedBy,
    addedAt: why.addedAt,
    reasons: why.reasons.map((r) => ({ condition: r.condition as Out<typeof CustomerMembership>["reasons"][number]["condition"], actual: r.actual, held: r.held })),
  };
}
