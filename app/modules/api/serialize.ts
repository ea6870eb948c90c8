import type { z } from "zod";
import type { CustomerRow } from "~/modules/customers/list-customers.server";
import type { Address, Customer, CustomerStats, Order, OrderItem, Prisma, StoreRating } from "~/generated/prisma/client";
import type { AddressResource, CustomerListItem, CustomerResource, CustomerStatsResource, OrderResource, RatingResource } from "./resources";

type Out<T extends z.ZodTypeAny> = z.input<T>;

const money = (value: Prisma.Decimal) => value.toFixed(2);
const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function addressResource(a: Address): Out<typeof AddressResource> {
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

export function customerResource(c: Customer & { stats: CustomerStats | null; addresses: Address[] }): Out<typeof CustomerResource> {
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
    addresses: c.addresses.map(addressResource),
  };
}

export function customerListItem(row: CustomerRow): Out<typeof CustomerListItem> {
  return { ...row, status: row.status as Customer["status"], approval: row.approval as Customer["approval"] };
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
