import { languages } from "~/utils/i18n";
import { message, z } from "~/modules/validation/messages";

/**
 * The criteria language, version 1: a tree of AND / OR / NOT over typed conditions. One schema validates what the
 * builder, the API and stored groups hold; two evaluators read it (compile.server.ts to SQL for whole shops,
 * evaluate.ts over one customer's facts), and a property test keeps them in agreement.
 *
 * Conditions on custom fields (`field: "custom_field"`) were added later without a new version: the addition only
 * widens what is accepted, so every stored version-1 tree keeps its meaning (decision 011).
 */
export const CRITERIA_VERSION = 1;

export const numberFields = ["orders_count", "completed_count", "cancelled_count", "total_spent", "avg_order_value", "last_rating", "age", "shared_ip_count"] as const;
export const dateFields = ["last_order_date", "first_order_date", "signup_date"] as const;
export const enumFields = {
  gender: ["female", "male", "other"],
  status: ["active", "inactive", "blocked"],
  approval: ["approved", "pending", "denied"],
  language: [...languages],
} as const;
export const textFields = ["country", "region", "city", "postcode", "email_domain"] as const;
export const booleanFields = ["has_no_orders", "newsletter"] as const;

export type NumberField = (typeof numberFields)[number];
export type DateField = (typeof dateFields)[number];
export type EnumField = keyof typeof enumFields;
export type TextField = (typeof textFields)[number];
export type BooleanField = (typeof booleanFields)[number];

/** Fields whose value can be missing (no orders, no rating, no birth date, no default address…). */
export const nullableFields = new Set<string>(["last_rating", "age", "last_order_date", "first_order_date", "gender", "language", "country", "region", "city", "postcode"]);

const finite = z.number().finite().min(-1e12).max(1e12);
const days = z.number().int().min(0).max(36_500);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message("date")).refine((v) => !Number.isNaN(Date.parse(v)), message("date"));
const text = z.string().trim().min(1).max(200);

const base = (field: string) => ({ type: z.literal("condition"), field: z.literal(field) });

function numberCondition(field: string) {
  return z.discriminatedUnion("op", [
    z.object({ ...base(field), op: z.enum(["eq", "neq", "lt", "lte", "gt", "gte"]), value: finite }),
    z.object({ ...base(field), op: z.literal("between"), value: z.tuple([finite, finite]).refine(([a, b]) => a <= b, message("rangeOrder")) }),
    z.object({ ...base(field), op: z.enum(["is_set", "is_not_set"]) }),
  ]);
}

function dateCondition(field: string) {
  return z.discriminatedUnion("op", [
    z.object({ ...base(field), op: z.enum(["within_last", "not_within_last"]), value: days }),
    z.object({ ...base(field), op: z.enum(["before", "after"]), value: isoDate }),
    z.object({ ...base(field), op: z.enum(["is_set", "is_not_set"]) }),
  ]);
}

function textCondition(field: string) {
  return z.discriminatedUnion("op", [
    z.object({ ...base(field), op: z.enum(["eq", "neq", "contains", "starts_with"]), value: text }),
    z.object({ ...base(field), op: z.enum(["in", "not_in"]), value: z.array(text).min(1).max(100) }),
    z.object({ ...base(field), op: z.enum(["is_set", "is_not_set"]) }),
  ]);
}

function enumCondition(field: string, values: readonly string[]) {
  const value = z.enum(values as [string, ...string[]]);
  return z.discriminatedUnion("op", [
    z.object({ ...base(field), op: z.enum(["eq", "neq"]), value }),
    z.object({ ...base(field), op: z.enum(["in", "not_in"]), value: z.array(value).min(1) }),
    z.object({ ...base(field), op: z.enum(["is_set", "is_not_set"]) }),
  ]);
}

/** One schema per field, so an error names the field's own operators and values. */
const conditionSchemas: Record<string, z.ZodTypeAny> = {
  ...Object.fromEntries(numberFields.map((f) => [f, numberCondition(f)])),
  ...Object.fromEntries(dateFields.map((f) => [f, dateCondition(f)])),
  ...Object.fromEntries(textFields.map((f) => [f, textCondition(f)])),
  ...Object.fromEntries(Object.entries(enumFields).map(([f, values]) => [f, enumCondition(f, values)])),
  ...Object.fromEntries(booleanFields.map((f) => [f, z.object({ ...base(f), op: z.enum(["is_true", "is_false"]) })])),
  birthday: z.discriminatedUnion("op", [
    z.object({ ...base("birthday"), op: z.literal("within_next_days"), value: days.max(366) }),
    z.object({ ...base("birthday"), op: z.literal("this_month") }),
  ]),
  product: z.object({
    ...base("product"),
    op: z.enum(["eq", "neq", "lt", "lte", "gt", "gte"]),
    product: text,
    value: z.number().int().min(0).max(1_000_000),
    withinDays: days.nullable().default(null),
  }),
};

/**
 * A condition on a shop's own field, by the field's id. The shape here depends only on the operator; whether the
 * operator and value fit the field's type is judged against the shop's definitions (custom-criteria.ts).
 * before/after take a date (YYYY-MM-DD) for date and date-time fields or a time (HH:MM) for time fields.
 */
const dateOrTime = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2}|([01]\d|2[0-3]):[0-5]\d)$/, message("date"))
  .refine((v) => v.includes(":") || !Number.isNaN(Date.parse(v)), message("date"));
const customBase = { type: z.literal("condition"), field: z.literal("custom_field"), fieldId: z.string().uuid().transform((id) => id.toLowerCase()) };
export const customConditionSchema = z.discriminatedUnion("op", [
  z.object({ ...customBase, op: z.enum(["eq", "neq"]), value: z.union([finite, text]) }),
  z.object({ ...customBase, op: z.enum(["lt", "lte", "gt", "gte"]), value: finite }),
  z.object({ ...customBase, op: z.literal("between"), value: z.tuple([finite, finite]).refine(([a, b]) => a <= b, message("rangeOrder")) }),
  z.object({ ...customBase, op: z.enum(["contains", "starts_with"]), value: text }),
  z.object({ ...customBase, op: z.enum(["in", "not_in", "has_any", "has_all", "has_none"]), value: z.array(text).min(1).max(100) }),
  z.object({ ...customBase, op: z.enum(["before", "after"]), value: dateOrTime }),
  z.object({ ...customBase, op: z.enum(["within_last", "not_within_last"]), value: days }),
  z.object({ ...customBase, op: z.enum(["is_true", "is_false", "is_set", "is_not_set"]) }),
]);
conditionSchemas.custom_field = customConditionSchema;

export const conditionFields = Object.keys(conditionSchemas);

/** Parses with a schema chosen from the value itself, reporting the inner issues at their full path. */
function dispatch(choose: (value: Record<string, unknown>) => z.ZodTypeAny) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const parsed = choose(value).safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue(issue as z.IssueData);
    return z.NEVER;
  };
}

export type Condition =
  | { type: "condition"; field: NumberField; op: "eq" | "neq" | "lt" | "lte" | "gt" | "gte"; value: number }
  | { type: "condition"; field: NumberField; op: "between"; value: [number, number] }
  | { type: "condition"; field: NumberField | DateField | TextField | EnumField; op: "is_set" | "is_not_set" }
  | { type: "condition"; field: DateField; op: "within_last" | "not_within_last"; value: number }
  | { type: "condition"; field: DateField; op: "before" | "after"; value: string }
  | { type: "condition"; field: TextField; op: "eq" | "neq" | "contains" | "starts_with"; value: string }
  | { type: "condition"; field: TextField; op: "in" | "not_in"; value: string[] }
  | { type: "condition"; field: EnumField; op: "eq" | "neq"; value: string }
  | { type: "condition"; field: EnumField; op: "in" | "not_in"; value: string[] }
  | { type: "condition"; field: BooleanField; op: "is_true" | "is_false" }
  | { type: "condition"; field: "birthday"; op: "within_next_days"; value: number }
  | { type: "condition"; field: "birthday"; op: "this_month" }
  | { type: "condition"; field: "product"; op: "eq" | "neq" | "lt" | "lte" | "gt" | "gte"; product: string; value: number; withinDays: number | null }
  | CustomCondition;

export type CustomCondition =
  | { type: "condition"; field: "custom_field"; fieldId: string; op: "eq" | "neq"; value: string | number }
  | { type: "condition"; field: "custom_field"; fieldId: string; op: "lt" | "lte" | "gt" | "gte"; value: number }
  | { type: "condition"; field: "custom_field"; fieldId: string; op: "between"; value: [number, number] }
  | { type: "condition"; field: "custom_field"; fieldId: string; op: "contains" | "starts_with"; value: string }
  | { type: "condition"; field: "custom_field"; fieldId: string; op: "in" | "not_in" | "has_any" | "has_all" | "has_none"; value: string[] }
  | { type: "condition"; field: "custom_field"; fieldId: string; op: "before" | "after"; value: string }
  | { type: "condition"; field: "custom_field"; fieldId: string; op: "within_last" | "not_within_last"; value: number }
  | { type: "condition"; field: "custom_field"; fieldId: string; op: "is_true" | "is_false" | "is_set" | "is_not_set" };

export type BuiltInCondition = Exclude<Condition, { field: "custom_field" }>;

export type CriteriaNode = { type: "and"; children: CriteriaNode[] } | { type: "or"; children: CriteriaNode[] } | { type: "not"; child: CriteriaNode } | Condition;

export const MAX_DEPTH = 8;
export const MAX_CONDITIONS = 100;

const conditionSchema = z
  .object({ type: z.literal("condition"), field: z.enum(conditionFields as [string, ...string[]], { message: message("criteriaField") }) })
  .passthrough()
  .transform(dispatch((value) => conditionSchemas[value.field as string]!));

export const NodeSchema: z.ZodType<CriteriaNode, z.ZodTypeDef, unknown> = z.lazy(() =>
  z
    .object({ type: z.enum(["and", "or", "not", "condition"], { message: message("criteriaNode") }) })
    .passthrough()
    .transform(
      dispatch((value) =>
        value.type === "and" || value.type === "or"
          ? z.object({ type: z.enum(["and", "or"]), children: z.array(NodeSchema).min(1).max(50) })
          : value.type === "not"
            ? z.object({ type: z.literal("not"), child: NodeSchema })
            : conditionSchema,
      ),
    ),
) as unknown as z.ZodType<CriteriaNode, z.ZodTypeDef, unknown>;

function measure(node: CriteriaNode | undefined, depth = 1): { depth: number; conditions: number } {
  // Runs after the node schemas, also when they reported issues: a broken subtree counts as empty.
  if (!node || typeof node !== "object") return { depth, conditions: 0 };
  if (node.type === "condition") return { depth, conditions: 1 };
  const children = (node.type === "not" ? [node.child] : node.children) ?? [];
  return children.map((c) => measure(c, depth + 1)).reduce((a, b) => ({ depth: Math.max(a.depth, b.depth), conditions: a.conditions + b.conditions }), { depth, conditions: 0 });
}

export const CriteriaSchema = z
  .object({ version: z.literal(CRITERIA_VERSION), root: NodeSchema })
  .superRefine((criteria, ctx) => {
    const size = measure(criteria.root);
    if (size.depth > MAX_DEPTH) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["root"], message: message("criteriaTooDeep", { max: MAX_DEPTH }) });
    if (size.conditions > MAX_CONDITIONS) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["root"], message: message("criteriaTooLarge", { max: MAX_CONDITIONS }) });
  });

export type Criteria = { version: typeof CRITERIA_VERSION; root: CriteriaNode };

/** The facts one customer is judged on; the SQL compiler reads the same facts from customers, stats and addresses. */
export interface CustomerFacts {
  ordersCount: number;
  completedCount: number;
  cancelledCount: number;
  /** Money in minor units (cents), so comparisons are exact on both sides. */
  totalSpentCents: number;
  avgOrderValueCents: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  lastRating: number | null;
  gender: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  createdAt: Date;
  status: string;
  approval: string;
  newsletter: boolean;
  locale: string | null;
  email: string;
  address: { country: string; region: string | null; city: string; postcode: string | null } | null;
  sharedIpCount: number;
  /** Bought items of paid orders (processing, shipped, completed). */
  purchases: Array<{ productRef: string; quantity: number; at: Date }>;
  /** Answers to account custom fields, by field id; a field not answered is absent. */
  customFields: Record<string, CustomAnswer>;
}

/**
 * One stored answer, by the typed column it is kept in (decision 010): text also holds time (HH:MM), options hold
 * the chosen option ids (one for select and radio, never none). Both evaluators judge an answer by its column, so
 * they agree without knowing the field's type.
 */
export type CustomAnswer =
  | { kind: "text"; value: string }
  | { kind: "number"; value: number }
  | { kind: "date"; value: string }
  | { kind: "datetime"; value: Date }
  | { kind: "bool"; value: boolean }
  | { kind: "options"; value: string[] };

/** "Now" as both evaluators see it: the instant, and the shop's local date and time zone. */
export interface Clock {
  now: Date;
  /** The shop's local date today, YYYY-MM-DD. */
  today: string;
  timeZone: string;
}

function localDate(instant: Date, timeZone: string) {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

export function shopClock(timeZone: string, now = new Date()): Clock {
  return { now, today: localDate(now, timeZone), timeZone };
}

/** The instant a shop-local date begins (its midnight in the shop's time zone, daylight saving included). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return localDateTimeToInstant(date, "00:00", timeZone);
}

/** The instant of a shop-local date and time (HH:MM) in the shop's time zone, daylight saving included. */
export function localDateTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const offset = (at: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
        .formatToParts(new Date(at))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - at;
  };
  let instant = guess - offset(guess);
  instant = guess - offset(instant);
  return new Date(instant);
}

export function addDays(date: string, n: number) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export const DAY_MS = 86_400_000;

/** Case folding both evaluators share (PostgreSQL's lower() has no final-sigma rule, so ς folds to σ). */
export function fold(value: string) {
  return value.toLowerCase().replaceAll("ς", "σ");
}
