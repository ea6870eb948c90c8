import { validFilterParam } from "~/modules/custom-fields/list-filter";
import { z } from "~/modules/validation/messages";
import { approvalStates, customerStatuses } from "./schemas";

export const PAGE_SIZES = [25, 50, 100] as const;
export const COUNT_LIMIT = 10_000;
export const sortKeys = ["name", "email", "status", "ip", "created", "orders", "spent"] as const;
export type SortKey = (typeof sortKeys)[number];

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The list's state, as it appears in the URL (dashboard), the query string (API) and export jobs. */
export const ListQuerySchema = z.object({
  q: optional(z.string().trim().max(100)),
  name: optional(z.string().trim().max(100)),
  email: optional(z.string().trim().max(254)),
  phone: optional(z.string().trim().max(40)),
  status: optional(z.enum(customerStatuses)),
  approval: optional(z.enum(approvalStates)),
  ip: optional(z.string().trim().ip()),
  from: optional(isoDate),
  to: optional(isoDate),
  newsletter: optional(z.enum(["yes", "no"])),
  sort: z.preprocess(blankToUndefined, z.enum(sortKeys).default("created")),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"]).default("desc")),
  size: z.preprocess(blankToUndefined, z.coerce.number().pipe(z.union([z.literal(25), z.literal(50), z.literal(100)])).default(50)),
  after: optional(z.string().max(500)),
  before: optional(z.string().max(500)),
  count: optional(z.enum(["exact"])),
  /** Custom-field filters by `<key>` or `<key>.<op>`, written `cf.<key>…` in URLs (see custom-fields/list-filter.ts). */
  customFields: z.record(z.string(), z.string().max(100)).optional(),
});
export type ListQuery = z.output<typeof ListQuerySchema>;
export type ListFilters = Omit<ListQuery, "sort" | "dir" | "size" | "after" | "before" | "count">;

export const CUSTOM_FIELD_PREFIX = "cf.";

const customerFilterKeys = ["q", "name", "email", "phone", "status", "approval", "ip", "from", "to", "newsletter"] as const satisfies ReadonlyArray<keyof ListFilters>;

/** Whether any filter on the customer's own columns is set (custom fields aside). */
export function hasCustomerFilters(filters: ListFilters) {
  return customerFilterKeys.some((key) => filters[key] !== undefined);
}

export function parseListQuery(params: URLSearchParams) {
  const raw: Record<string, unknown> = {};
  const customFields: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!name.startsWith(CUSTOM_FIELD_PREFIX)) raw[name] = value;
    else if (value.trim() !== "" && validFilterParam(name.slice(CUSTOM_FIELD_PREFIX.length), value)) customFields[name.slice(CUSTOM_FIELD_PREFIX.length)] = value.trim();
  }
  if (Object.keys(customFields).length > 0) raw.customFields = customFields;
  const parsed = ListQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // A hand-edited URL keeps the parts that are valid instead of failing the page.
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return ListQuerySchema.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
}

