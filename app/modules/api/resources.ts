import { z } from "~/modules/validation/messages";
import { approvalStates, customerStatuses, genders, orderStatuses } from "~/modules/customers/schemas";
import { booleanFields, CRITERIA_VERSION, dateFields, enumFields, MAX_CONDITIONS, MAX_DEPTH, numberFields, textFields } from "~/modules/groups/criteria";
import { groupKinds } from "~/modules/groups/schemas";
import { customFieldLocations, customFieldTypes, customFieldVisibilities } from "~/modules/custom-fields/values";
import { languages } from "~/utils/i18n";

/**
 * What the API answers with. The serializers are typed against these schemas and the OpenAPI document is
 * generated from them, so the documentation cannot drift from the responses.
 */
const id = z.string().regex(/^\d+$/).describe("Numeric id, serialized as a string (64-bit)");
const timestamp = z.string().datetime({ offset: true }).describe("ISO 8601 timestamp (UTC)");
const money = z.string().regex(/^-?\d+\.\d{2}$/).describe("Decimal amount with two decimals, as a string");

/** One answer as stored: option ids for choices (labels: GET /custom-fields), ISO dates, E.164 phones. */
export const CustomFieldValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string())])
  .nullable()
  .describe(
    "text types: string (phones in E.164); number: number; date: YYYY-MM-DD; time: HH:MM; datetime: ISO 8601 instant (UTC); select, radio: the option id; checkbox: option ids; yesno: boolean; null: not answered",
  );

export const CustomFieldValues = z
  .record(z.string(), CustomFieldValue)
  .describe(
    "Answers by field key: every enabled field of this location, null when not answered. Choices are answered by option id, stable when options are renamed; GET /custom-fields gives each option's labels in every language.",
  );

/** What clients may send: choices by option id or by label in any of the shop's languages, yes/no also as words. */
export const CustomFieldValuesInput = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]))
  .describe(
    "Answers by field key, validated by each field's rules; a key that is not an enabled field of this location is refused (422 at customFields.<key>). Choices by option id or label (any language); checkbox as an array or a string separated by \";\"; yesno as a boolean or yes/no; datetime with an offset, or without one in the shop's time zone. \"\" or null clears an answer. Fields required for the customer's groups (or, for a new customer, the shop's default group) must be answered. On PATCH only the keys given change.",
  );

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
  customFields: CustomFieldValues,
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
  customFields: CustomFieldValues,
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
  customFields: CustomFieldValues,
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
  "automatic_group",
  "confirmation_required",
  "field_in_use",
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
    path: z.string().optional().describe("The field in conflict (409 conflict)"),
  }),
});

export const ValidationErrorResponse = z.object({
  errors: z
    .array(z.object({ path: z.string().describe('Field path joined with "." (e.g. items.0.price); "" for the body itself'), message: z.string() }))
    .min(1),
});

/*
 * Customer groups. The criteria tree is validated by CriteriaSchema (app/modules/groups/criteria.ts), whose
 * per-node dispatch is opaque to a JSON Schema generator; these schemas describe the same language for the
 * document and for tests (groups.test.ts checks that both accept exactly the same conditions).
 */
const uuid = z.string().uuid().describe("UUID");
const languageTexts = z.record(z.enum(languages), z.string()).describe('One text per language, e.g. {"en": "VIP", "el": "VIP πελάτες"}');

const criteriaNumber = z.number().min(-1e12).max(1e12).describe("Money in the shop's currency units (e.g. 1500.50); counts, stars and years as numbers");
const criteriaDays = z.number().int().min(0).max(36_500);
const criteriaDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe("YYYY-MM-DD, a day in the shop's time zone");
const criteriaText = z.string().min(1).max(200).describe("Compared without regard to case");
const enumField = (field: keyof typeof enumFields) => {
  const value = z.enum(enumFields[field] as unknown as [string, ...string[]]);
  return [condition(z.literal(field), ["eq", "neq"], value), condition(z.literal(field), ["in", "not_in"], z.array(value).min(1))];
};
function condition(field: z.ZodTypeAny, ops: [string, ...string[]], value?: z.ZodTypeAny) {
  return z.object({ type: z.literal("condition"), field, op: ops.length === 1 ? z.literal(ops[0]) : z.enum(ops), ...(value ? { value } : {}) });
}
function customCondition(ops: [string, ...string[]], value?: z.ZodTypeAny) {
  return condition(z.literal("custom_field"), ops, value).extend({ fieldId: uuid.describe("The custom field's id (an account field of the shop)") });
}
const [numberField, dateField, textField, booleanField] = [numberFields, dateFields, textFields, booleanFields].map((fields) => z.enum(fields as unknown as [string, ...string[]]));

/** One condition of a criteria tree: a field, an operator and (for most operators) a value. */
export const CriteriaCondition = z
  .union([
    condition(numberField!, ["eq", "neq", "lt", "lte", "gt", "gte"], criteriaNumber),
    condition(numberField!, ["between"], z.array(criteriaNumber).length(2).describe("[min, max], min ≤ max")),
    condition(z.enum([...numberFields, ...dateFields, ...textFields, ...(Object.keys(enumFields) as Array<keyof typeof enumFields>)]), ["is_set", "is_not_set"]),
    condition(dateField!, ["within_last", "not_within_last"], criteriaDays.describe("Days")),
    condition(dateField!, ["before", "after"], criteriaDate),
    condition(textField!, ["eq", "neq", "contains", "starts_with"], criteriaText),
    condition(textField!, ["in", "not_in"], z.array(criteriaText).min(1).max(100)),
    ...(Object.keys(enumFields) as Array<keyof typeof enumFields>).flatMap(enumField),
    condition(booleanField!, ["is_true", "is_false"]),
    condition(z.literal("birthday"), ["within_next_days"], criteriaDays.max(366).describe("Days; 0 is the birthday itself")),
    condition(z.literal("birthday"), ["this_month"]),
    condition(z.literal("product"), ["eq", "neq", "lt", "lte", "gt", "gte"], z.number().int().min(0).max(1_000_000).describe("Quantity bought in paid orders")).extend({
      product: criteriaText.describe("Product reference (exact)"),
      withinDays: criteriaDays.nullable().optional().describe("Only purchases in the last N days; null or absent for all time"),
    }),
    customCondition(["eq", "neq"], z.union([criteriaNumber, criteriaText]).describe("A number for number fields, text for text fields, HH:MM for time fields")),
    customCondition(["lt", "lte", "gt", "gte"], criteriaNumber),
    customCondition(["between"], z.array(criteriaNumber).length(2).describe("[min, max], min ≤ max")),
    customCondition(["contains", "starts_with"], criteriaText),
    customCondition(
      ["in", "not_in", "has_any", "has_all", "has_none"],
      z.array(criteriaText).min(1).max(100).describe("Texts for text fields; option ids for select and radio (in, not_in) and checkbox (has_any, has_all, has_none)"),
    ),
    customCondition(["before", "after"], z.string().regex(/^(\d{4}-\d{2}-\d{2}|([01]\d|2[0-3]):[0-5]\d)$/).describe("YYYY-MM-DD for date and date-time fields, HH:MM for time fields")),
    customCondition(["within_last", "not_within_last"], criteriaDays.describe("Days")),
    customCondition(["is_true", "is_false", "is_set", "is_not_set"]),
  ])
  .describe(
    "A missing value (no orders, no birth date, no address, no answer to a custom field) makes a condition false. Which operators a custom field takes depends on its type; others are refused with 422 at the condition's path.",
  );

export type CriteriaNodeShape = { type: "and" | "or"; children: CriteriaNodeShape[] } | { type: "not"; child: CriteriaNodeShape } | z.infer<typeof CriteriaCondition>;

/** A node of the tree: AND / OR over children, NOT over one child, or a condition. */
export const CriteriaNode: z.ZodType<CriteriaNodeShape> = z.lazy(() =>
  z.union([
    z.object({ type: z.enum(["and", "or"]), children: z.array(CriteriaNode).min(1).max(50) }),
    z.object({ type: z.literal("not"), child: CriteriaNode }),
    CriteriaCondition,
  ]),
);

export const Criteria = z
  .object({ version: z.literal(CRITERIA_VERSION), root: CriteriaNode })
  .describe(`Who belongs to an automatic or hybrid group: a tree at most ${MAX_DEPTH} levels deep with at most ${MAX_CONDITIONS} conditions.`);

export const RecomputeResource = z
  .object({
    id: uuid,
    status: z.enum(["running", "done", "failed"]),
    reason: z.enum(["criteria", "recompute"]).describe("criteria: the group's criteria changed; recompute: the nightly run or a requested one"),
    criteriaVersion: z.number().int(),
    total: z.number().int().describe("Customers to check"),
    done: z.number().int().describe("Customers checked so far"),
    added: z.number().int(),
    removed: z.number().int(),
    error: z.string().nullable().describe("Why it failed, e.g. superseded by a newer recompute"),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
  })
  .describe("A run that brings the group's criteria members up to date, in the background");

export const GroupResource = z.object({
  id: uuid,
  name: languageTexts,
  description: languageTexts,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  sortOrder: z.number().int().describe("Precedence: lower first"),
  kind: z.enum(groupKinds),
  criteria: Criteria.nullable(),
  criteriaVersion: z.number().int().describe("Raised on every change of the criteria or the kind"),
  needsApproval: z.boolean(),
  selectableAtSignup: z.boolean(),
  isDefault: z.boolean().describe("The group of customers who are in no other group (at most one per shop)"),
  memberCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  recompute: RecomputeResource.nullable().describe("The latest recompute; a change of the criteria or kind starts a new one (status running)"),
});

export const GroupList = z.object({ data: z.array(GroupResource).describe("In precedence order (sortOrder, then creation)") });

export const GroupMemberResource = z.object({
  id: id.describe("Customer id"),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  source: z.enum(["criteria", "manual"]).describe("criteria: matched the criteria; manual: added by staff or the API"),
  addedBy: z.string().nullable().describe("Who added a manual member"),
  addedAt: timestamp,
});

export const GroupMemberList = z.object({
  data: z.array(GroupMemberResource).describe("By customer id, ascending"),
  next: id.nullable().describe("Pass as `after` for the next page; null on the last page"),
});

export const GroupMembersChanged = z.object({
  changed: z.boolean().describe("false when every customer already was (or was not) a member"),
  memberCount: z.number().int(),
});

export const CriteriaReason = z.object({
  condition: CriteriaCondition,
  actual: z
    .union([z.number(), z.string(), z.boolean(), z.array(z.string())])
    .nullable()
    .describe("The customer's value (money in currency units, dates as ISO 8601 timestamps, option ids of a custom choice field as a list)"),
  held: z.boolean().describe("Whether the condition held (inside NOT, a condition that failed is what counts)"),
});

export const CustomerMembership = z.object({
  group: GroupResource.pick({ id: true, name: true, color: true, kind: true, sortOrder: true, isDefault: true }),
  source: z.enum(["criteria", "manual"]),
  addedBy: z.string().nullable(),
  addedAt: timestamp,
  reasons: z.array(CriteriaReason).describe("For criteria members: the conditions that decided it, with the customer's values; empty for manual members"),
});

export const CustomerGroupsResource = z.object({
  data: z.array(CustomerMembership).describe("The customer's groups in precedence order"),
  defaultGroupId: uuid.nullable().describe("The pinned group, else the first group above, else the shop's default group"),
  pinned: z.boolean().describe("Whether staff pinned the default group"),
});

export const CriteriaPreview = z.object({
  count: z.number().int().describe("Customers who match now"),
  sample: z
    .array(z.object({ id, name: z.string(), email: z.string(), locale: z.string().nullable() }))
    .describe("Up to 10 of them, newest first"),
});

/* Custom field definitions (decision 010). */
export const CustomFieldOptionResource = z.object({ id: uuid.describe("The id answers hold; kept when the option is renamed or moved"), label: languageTexts });

export const CustomFieldResource = z.object({
  id: uuid,
  key: z.string().describe("The customFields key in the API and the CSV column custom:<key>; fixed once created"),
  name: languageTexts,
  type: z.enum(customFieldTypes),
  location: z.enum(customFieldLocations).describe("account: answered per customer; address: per address"),
  requiredForAll: z.boolean(),
  requiredGroupIds: z.array(uuid).describe("Groups whose customers must answer"),
  minLength: z.number().int().nullable(),
  maxLength: z.number().int().nullable(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  pattern: z.string().nullable().describe("A regular expression the whole text answer must match"),
  patternMessage: languageTexts,
  placeholder: languageTexts,
  help: languageTexts,
  defaultValue: CustomFieldValue,
  sortOrder: z.number().int(),
  enabled: z.boolean().describe("Disabled fields are neither shown, nor accepted in customFields, nor exported"),
  visibility: z.enum(customFieldVisibilities).describe("everywhere: storefront and dashboard; dashboard: staff only"),
  options: z.array(CustomFieldOptionResource).describe("For select, radio and checkbox, in display order"),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const CustomFieldList = z.object({ data: z.array(CustomFieldResource).describe("In display order (sortOrder, then creation)") });

export const ConfirmQuery = z.object({
  confirm: z.enum(["true", "false"]).optional().describe("true: go ahead although customers hold answers that will be lost (otherwise 409 confirmation_required)"),
});
