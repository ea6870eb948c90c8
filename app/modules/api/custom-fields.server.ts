import { ZodError, type z, type ZodIssue } from "zod";
import { effectiveGroupIds } from "~/modules/custom-fields/answers.server";
import { createField, deleteField, getField, listFields, updateField, type FieldWriteResult } from "~/modules/custom-fields/custom-fields.server";
import { customFieldSchema } from "~/modules/custom-fields/schemas";
import { customFieldsSchema, type CustomValues, type FieldDefinition } from "~/modules/custom-fields/values";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { formatNumber } from "~/utils/format";
import { resolveLanguage } from "~/utils/i18n.server";
import { PatchBody } from "./customers.server";
import { API_BASE, ApiError, created, invalid, noContent, notFound, ok, uuidParam, type ApiRouteContext } from "./handler.server";
import { ConfirmQuery, type CustomFieldResource } from "./resources";
import type { ShopFields } from "./serialize";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The shop's enabled fields, by location, in display order. */
export async function shopFields(scope: Parameters<typeof listFields>[0]): Promise<ShopFields> {
  const fields = await listFields(scope, { enabledOnly: true });
  return { account: fields.filter((f) => f.location === "account"), address: fields.filter((f) => f.location === "address") };
}

/**
 * Validates a body's `customFields` with the one validator, strictly (unknown keys are refused). The requirements
 * are those of the customer's groups (a new customer's: the shop's default group). With `partial` (PATCH) only the
 * keys given are checked and returned, so the others keep their answers.
 */
export async function checkCustomFields(
  scope: Pick<TenantScope, "db" | "merchant">,
  request: Request,
  fields: FieldDefinition[],
  body: unknown,
  options: { customerId: bigint | null; partial: boolean },
) {
  const raw = isObject(body) ? body.customFields : undefined;
  if (options.partial && !(isObject(body) && "customFields" in body)) return { success: true as const, data: {} as CustomValues };
  const checked = options.partial && isObject(raw) ? fields.filter((f) => f.key in raw) : fields;
  const { merchant, db } = scope;
  const schema = customFieldsSchema(checked, {
    country: merchant.country,
    timeZone: merchant.timezone,
    lng: await resolveLanguage(request),
    groupIds: await effectiveGroupIds(db, merchant.id, options.customerId),
    strict: true,
  });
  // Present but null is a value the record refuses, not "nothing to change".
  return schema.safeParse(raw === null ? [] : raw);
}

/** The body's own schema and its custom fields together: one 422 lists every problem, custom ones under customFields. */
export function together<T>(base: z.SafeParseReturnType<unknown, T>, custom: z.SafeParseReturnType<unknown, CustomValues | undefined>) {
  const issues: ZodIssue[] = [
    ...(base.success ? [] : base.error.issues),
    ...(custom.success ? [] : custom.error.issues.map((issue) => ({ ...issue, path: ["customFields", ...issue.path] }))),
  ];
  if (!base.success || !custom.success) throw new ZodError(issues);
  return { input: base.data, customFields: custom.data ?? {} };
}

type Definition = FieldDefinition & { sortOrder: number; createdAt: Date; updatedAt: Date };

/** Definitions with what the resource adds to FieldDefinition (order and times), in display order. */
async function definitions(scope: Pick<TenantScope, "db" | "merchant">, only?: string): Promise<Definition[]> {
  const fields = only ? [await getField(scope, only)].filter((f): f is FieldDefinition => f !== null) : await listFields(scope);
  const rows = await scope.db.customField.findMany({
    where: { merchantId: scope.merchant.id, id: { in: fields.map((f) => f.id) } },
    select: { id: true, sortOrder: true, createdAt: true, updatedAt: true },
  });
  const extra = new Map(rows.map((r) => [r.id, r]));
  return fields.map((f) => ({ ...f, ...extra.get(f.id)! }));
}

async function requireDefinition(scope: TenantScope, id: string) {
  const [definition] = await definitions(scope, id);
  if (!definition) notFound();
  return definition;
}

function fieldResource(f: Definition): z.input<typeof CustomFieldResource> {
  return {
    id: f.id,
    key: f.key,
    name: f.name as Record<string, string>,
    type: f.type,
    location: f.location,
    requiredForAll: f.requiredForAll,
    requiredGroupIds: f.requiredGroupIds,
    minLength: f.minLength,
    maxLength: f.maxLength,
    minValue: f.minValue,
    maxValue: f.maxValue,
    pattern: f.pattern,
    patternMessage: f.patternMessage as Record<string, string>,
    placeholder: f.placeholder as Record<string, string>,
    help: f.help as Record<string, string>,
    defaultValue: f.defaultValue,
    sortOrder: f.sortOrder,
    enabled: f.enabled,
    visibility: f.visibility,
    options: f.options.map((o) => ({ id: o.id, label: o.label as Record<string, string> })),
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

const texts = ["name", "placeholder", "help", "patternMessage"];

/** Top-level properties replace the stored ones (null clears); texts merge per language; options are replaced whole. */
function mergeField(current: Definition, body: unknown) {
  const patch = PatchBody.parse(body);
  const { id: _id, createdAt: _created, updatedAt: _updated, ...stored } = current;
  // Stored nulls are absent values to the schema, as in a create body.
  const merged: Record<string, unknown> = Object.fromEntries(Object.entries(stored).map(([name, value]) => [name, value ?? undefined]));
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) merged[name] = undefined;
    else if (texts.includes(name) && isObject(value) && isObject(merged[name])) merged[name] = { ...(merged[name] as object), ...value };
    else merged[name] = value;
  }
  return merged;
}

const definitionSchema = ({ merchant }: TenantScope) => customFieldSchema(merchant.defaultLocale, { country: merchant.country, timeZone: merchant.timezone });
const confirmed = (url: URL) => ConfirmQuery.parse(Object.fromEntries(url.searchParams)).confirm === "true";
const fieldPath = (id: string) => `${API_BASE}/custom-fields/${id}`;

const inUse = (groups: string[]) => new ApiError(409, "field_in_use", { message: `errors.field_in_use|${JSON.stringify({ groups: groups.join(", ") })}` });

/** A refusal of the definitions module as the API answers it: 404, 409 or 422 with the reason in the reader's language. */
async function refused(request: Request, result: Exclude<FieldWriteResult, { ok: true }>): Promise<never> {
  if (result.error === "notFound") notFound();
  if (result.error === "keyTaken") throw new ApiError(409, "conflict", { path: "key" });
  if (result.error === "usedByGroups") throw inUse(result.groups);
  if (result.error === "typeChange") invalid("type", `api:errors.fieldTypeChange|${JSON.stringify({ failed: result.failed, total: result.total, example: result.example })}`);
  // keyFixed and locationFixed: the key and the location cannot change once answers may hang on them.
  if (result.error !== "confirmOptions") invalid(result.path, result.error === "keyFixed" ? "api:errors.fieldKeyFixed" : "api:errors.fieldLocationFixed");
  const lng = await resolveLanguage(request);
  const options = result.options.map((o) => `${o.label} (${formatNumber(lng, o.customers)})`).join(", ");
  throw new ApiError(409, "confirmation_required", { path: "options", message: `errors.optionsHoldAnswers|${JSON.stringify({ options })}` });
}

export const customFields = {
  async list({ scope }: ApiRouteContext) {
    return ok({ data: (await definitions(scope)).map(fieldResource) });
  },

  async get({ scope, params }: ApiRouteContext) {
    return ok(fieldResource(await requireDefinition(scope, uuidParam(params))));
  },

  async create({ scope, body, request }: ApiRouteContext) {
    const result = await createField(scope, definitionSchema(scope).parse(body));
    if (!result.ok) return refused(request, result);
    return created(fieldResource(await requireDefinition(scope, result.field.id)), fieldPath(result.field.id));
  },

  async update({ scope, params, body, request, url }: ApiRouteContext) {
    const current = await requireDefinition(scope, uuidParam(params));
    const input = definitionSchema(scope).parse(mergeField(current, body));
    const result = await updateField(scope, current.id, input, { confirm: confirmed(url) });
    if (!result.ok) return refused(request, result);
    return ok(fieldResource(await requireDefinition(scope, current.id)));
  },

  async remove({ scope, params, url, request }: ApiRouteContext) {
    const result = await deleteField(scope, uuidParam(params), { confirm: confirmed(url) });
    if (result.ok) return noContent();
    if (result.error === "notFound") notFound();
    if (result.error === "usedByGroups") throw inUse(result.groups);
    const lng = await resolveLanguage(request);
    throw new ApiError(409, "confirmation_required", { message: `errors.answersWillBeLost|${JSON.stringify({ customers: formatNumber(lng, result.customers) })}` });
  },
};
