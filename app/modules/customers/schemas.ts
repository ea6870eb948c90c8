import { languages } from "~/utils/i18n";
import { message, z } from "~/modules/validation/messages";
import { isValidNationalId, isValidPostcode, normalizeNationalId, normalizePhone, toLatinDigits } from "./identity";

export const customerStatuses = ["active", "inactive", "blocked"] as const;
export const approvalStates = ["approved", "pending", "denied"] as const;
export const genders = ["female", "male", "other"] as const;
export const orderStatuses = ["pending", "processing", "shipped", "completed", "cancelled", "refunded"] as const;

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max).optional());

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true || v === "1", z.boolean());

/**
 * The customer record as staff, the API and CSV import submit it. Rules that depend on the shop (phone numbering,
 * national ID format) take the shop's country, so the same schema is built per shop on client and server.
 */
export function customerSchema(country: string) {
  return z.object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    email: z.string().trim().toLowerCase().email().max(254),
    phone: optionalText(40).transform((v, ctx) => {
      if (!v) return null;
      const e164 = normalizePhone(v, country);
      if (!e164) ctx.addIssue({ code: z.ZodIssueCode.custom, message: message("phone") });
      return e164;
    }),
    nationalId: optionalText(32).transform((v, ctx) => {
      if (!v) return null;
      if (!isValidNationalId(v, country)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: message("nationalId") });
      return normalizeNationalId(v);
    }),
    gender: z.preprocess((v) => (v === "" ? undefined : v), z.enum(genders).optional()).transform((v) => v ?? null),
    birthDate: optionalText(10)
      .refine((v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(toLatinDigits(v)) && !Number.isNaN(Date.parse(toLatinDigits(v)))), message("date"))
      .refine((v) => !v || new Date(toLatinDigits(v)) <= new Date(), message("birthDateFuture"))
      .transform((v) => (v ? new Date(`${toLatinDigits(v)}T00:00:00Z`) : null)),
    locale: z.preprocess((v) => (v === "" ? undefined : v), z.enum(languages).optional()).transform((v) => v ?? null),
    newsletter: checkbox.default(false),
    status: z.enum(customerStatuses).default("active"),
    approval: z.enum(approvalStates).default("approved"),
    notes: optionalText(5000).transform((v) => v ?? null),
  });
}

export type CustomerInput = z.output<ReturnType<typeof customerSchema>>;

export function addressSchema(shopCountry: string) {
  return z
    .object({
      firstName: z.string().trim().min(1).max(100),
      lastName: z.string().trim().min(1).max(100),
      company: optionalText(100).transform((v) => v ?? null),
      line1: z.string().trim().min(1).max(200),
      line2: optionalText(200).transform((v) => v ?? null),
      city: z.string().trim().min(1).max(100),
      region: optionalText(100).transform((v) => v ?? null),
      postcode: optionalText(20).transform((v) => (v ? toLatinDigits(v).toUpperCase() : null)),
      country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, message("country")),
      phone: optionalText(40),
      isDefault: checkbox.default(false),
    })
    .superRefine((value, ctx) => {
      if (value.postcode && !isValidPostcode(value.postcode, value.country)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["postcode"], message: message("postcode") });
      }
      if (value.phone && !normalizePhone(value.phone, value.country || shopCountry)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["phone"], message: message("phone") });
      }
    })
    .transform((value) => ({ ...value, phone: value.phone ? normalizePhone(value.phone, value.country || shopCountry) : null }));
}

export type AddressInput = z.output<ReturnType<typeof addressSchema>>;

export const CommentSchema = z.object({ body: z.string().trim().min(1).max(5000) });

export const TransactionSchema = z.object({
  description: z.string().trim().min(1).max(255),
  amount: z.coerce
    .number()
    .refine((n) => n !== 0, message("nonZero"))
    .refine((n) => Math.abs(n) < 1e12, message("tooBig", { max: 1e12 }))
    .transform((n) => Math.round(n * 100) / 100),
  orderId: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.bigint().optional()),
});

export const RewardPointsSchema = z.object({
  description: z.string().trim().min(1).max(255),
  points: z.coerce.number().int().refine((n) => n !== 0, message("nonZero")).refine((n) => Math.abs(n) <= 10_000_000, message("tooBig", { max: 10_000_000 })),
  orderId: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.bigint().optional()),
});

export const OrderItemSchema = z.object({
  productRef: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(255),
  quantity: z.coerce.number().int().min(1).max(100_000),
  price: z.coerce.number().min(0).max(1e10),
});

export const OrderSchema = z.object({
  number: z.string().trim().min(1).max(50),
  customerId: z.coerce.bigint(),
  status: z.enum(orderStatuses).default("pending"),
  total: z.coerce.number().min(0).max(1e12),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, message("currency")).optional(),
  paymentMethod: optionalText(100).transform((v) => v ?? null),
  shippingMethod: optionalText(100).transform((v) => v ?? null),
  createdAt: z.coerce.date().optional(),
  items: z.array(OrderItemSchema).max(500).default([]),
});

export const OrderStatusSchema = z.object({ status: z.enum(orderStatuses) });

export const RatingSchema = z.object({
  customerId: z.coerce.bigint(),
  stars: z.coerce.number().int().min(1).max(5),
  comment: optionalText(2000).transform((v) => v ?? null),
});
