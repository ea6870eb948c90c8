import { z } from "~/modules/validation/messages";
import { approvalStates, customerStatuses, genders, orderStatuses } from "~/modules/customers/schemas";
import { languages } from "~/utils/i18n";

/**
 * What the API answers with. The serializers are typed against these schemas and the OpenAPI document is
 * generated from them, so the documentation cannot drift from the responses.
 */
const id = z.string().regex(/^\d+$/).describe("Numeric id, serialized as a string (64-bit)");
const timestamp = z.string().datetime({ offset: true }).describe("ISO 8601 timestamp (UTC)");
const money = z.string().regex(/^-?\d+\.\d{2}$/).describe("Decimal amount with two decimals, as a string");

export const AddressResource = z.object({
  id,
  customerId: id,
  firstName: z.string(),
  lastName: z.string(),
  company: z.string().nullable(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postcode: z.string().nullable(),
  country: z.string().length(2),
  phone: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: timestamp,
});

export const CustomerStatsResource = z.object({
  ordersCount: z.number().int(),
  completedCount: z.number().int(),
  cancelledCount: z.number().int(),
  totalSpent: money,
  avgOrderValue: money,
  firstOrderAt: timestamp.nullable(),
  lastOrderAt: timestamp.nullable(),
  lastRating: z.number().int().min(1).max(5).nullable(),
  lastRatingAt: timestamp.nullable(),
});

export const CustomerResource = z.object({
  id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable().describe("E.164"),
  nationalId: z.string().nullable(),
  gender: z.enum(genders).nullable(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  locale: z.enum(languages).nullable(),
  status: z.enum(customerStatuses),
  approval: z.enum(approvalStates),
  newsletter: z.boolean(),
  newsletterAt: timestamp.nullable(),
  notes: z.string().nullable(),
  registrationIp: z.string().nullable(),
  lastLoginAt: timestamp.nullable(),
  pointsBalance: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  stats: CustomerStatsResource,
  addresses: z.array(AddressResource),
});

export const CustomerListItem = z.object({
  id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  status: z.enum(customerStatuses),
  approval: z.enum(approvalStates),
  ip: z.string().nullable().describe("Registration IP"),
  locale: z.string().nullable(),
  createdAt: timestamp,
  ordersCount: z.number().int(),
  totalSpent: money,
});

export const CustomerList = z.object({
  data: z.array(CustomerListItem),
  next: z.string().nullable().describe("Pass as `after` for the next page; null on the last page"),
  prev: z.string().nullable().describe("Pass as `before` for the previous page; null on the first page"),
  count: z.object({
    value: z.number().int(),
    capped: z.boolean().describe("true when there are more than `value` matches (ask for count=exact)"),
  }),
});

export const OrderItemResource = z.object({
  id,
  productRef: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  price: money,
});

export const OrderResource = z.object({
  id,
  number: z.string(),
  customerId: id,
  status: z.enum(orderStatuses),
  total: money,
  currency: z.string().length(3),
  paymentMethod: z.string().nullable(),
  shippingMethod: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  items: z.array(OrderItemResource),
});

export const RatingResource = z.object({
  id,
  customerId: id,
  stars: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  createdAt: timestamp,
});

export const TransactionEntry = z.object({
  id,
  description: z.string(),
  amount: money,
  orderId: id.nullable(),
  createdAt: timestamp,
  balance: money.describe("Store credit balance after this entry"),
});

export const TransactionList = z.object({
  balance: money,
  data: z.array(TransactionEntry).describe("Newest first, at most 100"),
});

export const TransactionCreated = z.object({ balance: money, data: TransactionEntry });

export const RewardPointsEntry = z.object({
  id,
  description: z.string(),
  points: z.number().int(),
  orderId: id.nullable(),
  createdAt: timestamp,
  balance: z.number().int().describe("Points balance after this entry"),
});

export const RewardPointsList = z.object({
  balance: z.number().int(),
  data: z.array(RewardPointsEntry).describe("Newest first, at most 100"),
});

export const RewardPointsCreated = z.object({ balance: z.number().int(), data: RewardPointsEntry });

export const errorCodes = [
  "bad_request",
  "unauthorized",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const ErrorResponse = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string().describe("In the language of Accept-Language"),
    path: z.string().optional().describe("The field in conflict (409)"),
  }),
});

export const ValidationErrorResponse = z.object({
  errors: z
    .array(z.object({ path: z.string().describe('Field path joined with "." (e.g. items.0.price); "" for the body itself'), message: z.string() }))
    .min(1),
});
