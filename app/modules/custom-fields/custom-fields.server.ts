import { Prisma, type CustomField, type CustomFieldOption } from "~/generated/prisma/client";
import { recordActivity } from "~/modules/activity/record-activity.server";
import { isUniqueViolation } from "~/modules/customers/errors.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { readerOf, type Reads } from "~/utils/db.server";
import { readAnswersOfField, writeAddressAnswers, writeAnswers } from "./answers.server";
import type { CustomFieldInput } from "./schemas";
import { choiceTypes, displayValue, localized, normalizeValue, type CustomValue, type FieldDefinition } from "./values";

type Scope = Pick<TenantScope, "db" | "merchant">;

export function toDefinition(row: CustomField & { options: CustomFieldOption[] }): FieldDefinition {
  return {
    id: row.id,
    key: row.key,
    name: row.name as FieldDefinition["name"],
    type: row.type,
    location: row.location,
    requiredForAll: row.requiredForAll,
    requiredGroupIds: row.requiredGroupIds,
    minLength: row.minLength,
    maxLength: row.maxLength,
    minValue: row.minValue === null ? null : Number(row.minValue),
    maxValue: row.maxValue === null ? null : Number(row.maxValue),
    pattern: row.pattern,
    patternMessage: row.patternMessage as FieldDefinition["patternMessage"],
    placeholder: row.placeholder as FieldDefinition["placeholder"],
    help: row.help as FieldDefinition["help"],
    defaultValue: (row.defaultValue ?? null) as CustomValue | null,
    enabled: row.enabled,
    visibility: row.visibility,
    options: [...row.options].sort((a, b) => a.sortOrder - b.sortOrder).map((o) => ({ id: o.id, label: o.label as FieldDefinition["name"] })),
  };
}

/**
 * The shop's fields in display order; `enabledOnly` for forms, all of them for the settings page. One statement
 * with the options folded in, so the customer list can read it on its lean path (decision 014).
 */
export async function listFields(scope: Pick<TenantScope, "merchant"> & Reads, filter: { location?: "account" | "address"; enabledOnly?: boolean } = {}) {
  const rows = await readerOf(scope)<FieldDefinition>(Prisma.sql`
    SELECT f.id::text AS id, f.key, f.name, f.type::text AS type, f.location::text AS location, f.required_for_all AS "requiredForAll",
           f.required_group_ids::text[] AS "requiredGroupIds", f.min_length AS "minLength", f.max_length AS "maxLength",
           f.min_value::float8 AS "minValue", f.max_value::float8 AS "maxValue", f.pattern, f.pattern_message AS "patternMessage",
           f.placeholder, f.help, f.default_value AS "defaultValue", f.enabled, f.visibility::text AS visibility,
           coalesce((SELECT json_agg(json_build_object('id', o.id, 'label', o.label) ORDER BY o.sort_order, o.created_at)
                       FROM custom_field_options o WHERE o.merchant_id = f.merchant_id AND o.field_id = f.id), '[]') AS options
      FROM custom_fields f
     WHERE f.merchant_id = ${scope.merchant.id}::uuid
       ${filter.location ? Prisma.sql`AND f.location = ${filter.location}::"CustomFieldLocation"` : Prisma.empty}
       ${filter.enabledOnly ? Prisma.sql`AND f.enabled` : Prisma.empty}
     ORDER BY f.sort_order, f.created_at`);
  return rows;
}

export async function getField({ db, merchant }: Scope, id: string) {
  const row = await db.customField.findFirst({ where: { merchantId: merchant.id, id }, include: { options: true } });
  return row ? toDefinition(row) : null;
}

/** How many customers hold an answer to a field (account values, or any of their addresses). */
export async function countAnswers({ db, merchant }: Scope, field: Pick<FieldDefinition, "id" | "key" | "location">) {
  const [row] =
    field.location === "account"
      ? await db.$queryRaw<[{ n: bigint }]>`SELECT count(*) AS n FROM custom_field_values WHERE merchant_id = ${merchant.id}::uuid AND field_id = ${field.id}::uuid`
      : await db.$queryRaw<[{ n: bigint }]>`SELECT count(DISTINCT customer_id) AS n FROM addresses WHERE merchant_id = ${merchant.id}::uuid AND custom_fields ? ${field.key}`;
  return Number(row.n);
}

/** How many customers chose each option (checkbox answers count once per option chosen). */
async function countOptionAnswers({ db, merchant }: Scope, field: Pick<FieldDefinition, "id" | "key" | "location">, optionIds: string[]) {
  if (optionIds.length === 0) return new Map<string, number>();
  const rows =
    field.location === "account"
      ? await db.$queryRaw<Array<{ id: string; n: bigint }>>`
          SELECT o.id::text AS id, count(v.customer_id) AS n FROM unnest(${optionIds}::uuid[]) AS o(id)
            LEFT JOIN custom_field_values v ON v.merchant_id = ${merchant.id}::uuid AND v.field_id = ${field.id}::uuid AND v.option_ids @> ARRAY[o.id]
           GROUP BY o.id`
      : await db.$queryRaw<Array<{ id: string; n: bigint }>>`
          SELECT o.id AS id, count(DISTINCT a.customer_id) AS n FROM unnest(${optionIds}::text[]) AS o(id)
            LEFT JOIN addresses a ON a.merchant_id = ${merchant.id}::uuid AND (a.custom_fields -> ${field.key} = to_jsonb(o.id) OR a.custom_fields -> ${field.key} @> jsonb_build_array(o.id))
           GROUP BY o.id`;
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** Groups whose criteria mention the field: its type cannot change and it cannot be deleted while they do. */
export async function groupsUsingField({ db, merchant }: Scope, fieldId: string) {
  return db.$queryRaw<Array<{ id: string; name: Prisma.JsonValue }>>`
    SELECT id::text, name FROM customer_groups WHERE merchant_id = ${merchant.id}::uuid AND criteria IS NOT NULL AND strpos(criteria::text, ${fieldId}) > 0`;
}

export type FieldWriteResult =
  | { ok: true; field: FieldDefinition }
  | { ok: false; error: "notFound" }
  | { ok: false; error: "keyTaken" | "keyFixed" | "locationFixed"; path: string }
  | { ok: false; error: "usedByGroups"; groups: string[] }
  | { ok: false; error: "typeChange"; failed: number; total: number; example: string }
  | { ok: false; error: "confirmOptions"; options: Array<{ id: string; label: string; customers: number }> };

function fieldData(input: CustomFieldInput) {
  const { options: _options, ...data } = input;
  return { ...data, defaultValue: input.defaultValue === null ? Prisma.DbNull : (input.defaultValue as Prisma.InputJsonValue) };
}

export async function createField(scope: TenantScope, input: CustomFieldInput): Promise<FieldWriteResult> {
  const { db, merchant, actor } = scope;
  await db.$executeRaw`SAVEPOINT create_field`;
  try {
    const field = await db.customField.create({
      data: {
        merchantId: merchant.id,
        ...fieldData(input),
        options: choiceTypes.has(input.type) ? { create: input.options.map((o, i) => ({ label: o.label, sortOrder: i })) } : undefined,
      },
      include: { options: true },
    });
    await db.$executeRaw`RELEASE SAVEPOINT create_field`;
    await recordActivity(db, { merchantId: merchant.id, actor, action: "custom-field.created", subject: input.key });
    return { ok: true, field: toDefinition(field) };
  } catch (error) {
    await db.$executeRaw`ROLLBACK TO SAVEPOINT create_field`;
    if (isUniqueViolation(error)) return { ok: false, error: "keyTaken", path: "key" };
    throw error;
  }
}

/**
 * Saves a changed definition. Options keep their ids (renaming keeps every answer); removing options that hold
 * answers needs `confirm`; a new type is accepted only when every stored answer converts to it, and then the
 * answers are rewritten in the new type.
 */
export async function updateField(scope: TenantScope, id: string, input: CustomFieldInput, options: { confirm?: boolean } = {}): Promise<FieldWriteResult> {
  await scope.db.$executeRaw`SAVEPOINT update_field`;
  try {
    const result = await applyFieldUpdate(scope, id, input, options);
    await scope.db.$executeRaw`RELEASE SAVEPOINT update_field`;
    return result;
  } catch (error) {
    await scope.db.$executeRaw`ROLLBACK TO SAVEPOINT update_field`;
    if (error instanceof TypeChangeRefused) return error.result;
    throw error;
  }
}

async function applyFieldUpdate(scope: TenantScope, id: string, input: CustomFieldInput, options: { confirm?: boolean }): Promise<FieldWriteResult> {
  const { db, merchant, actor } = scope;
  const current = await getField(scope, id);
  if (!current) return { ok: false, error: "notFound" };
  if (input.key !== current.key) return { ok: false, error: "keyFixed", path: "key" };
  const answers = current.type !== input.type || current.location !== input.location ? await countAnswers(scope, current) : 0;
  if (current.location !== input.location && answers > 0) return { ok: false, error: "locationFixed", path: "location" };
  if (current.type !== input.type) {
    const users = await groupsUsingField(scope, id);
    if (users.length > 0) return { ok: false, error: "usedByGroups", groups: users.map((g) => localized(g.name as Record<string, string>, merchant.defaultLocale)) };
  }

  const keptIds = new Set(input.options.flatMap((o) => (o.id ? [o.id] : [])));
  const removed = choiceTypes.has(input.type) ? current.options.filter((o) => !keptIds.has(o.id)) : current.options;
  if (removed.length > 0 && !options.confirm) {
    const counts = await countOptionAnswers(scope, current, removed.map((o) => o.id));
    const held = removed.filter((o) => (counts.get(o.id) ?? 0) > 0);
    if (held.length > 0) {
      return { ok: false, error: "confirmOptions", options: held.map((o) => ({ id: o.id, label: localized(o.label, merchant.defaultLocale), customers: counts.get(o.id) ?? 0 })) };
    }
  }

  // Options first, so a type change converts answers against the options the field will have.
  const optionRows: Array<{ id: string; label: Record<string, string> }> = [];
  if (choiceTypes.has(input.type)) {
    for (const [i, option] of input.options.entries()) {
      const existing = option.id ? current.options.find((o) => o.id === option.id) : undefined;
      if (existing) {
        await db.customFieldOption.update({ where: { merchantId_id: { merchantId: merchant.id, id: existing.id } }, data: { label: option.label, sortOrder: i } });
        optionRows.push({ id: existing.id, label: option.label });
      } else {
        const created = await db.customFieldOption.create({ data: { merchantId: merchant.id, fieldId: id, label: option.label, sortOrder: i } });
        optionRows.push({ id: created.id, label: option.label });
      }
    }
  }
  const next: FieldDefinition = { ...current, ...input, id, options: optionRows };

  if (current.type !== input.type && answers > 0) {
    await convertAnswers(scope, current, next);
  }
  if (removed.length > 0) await forgetOptions(scope, current, removed.map((o) => o.id));
  await db.customField.update({ where: { merchantId_id: { merchantId: merchant.id, id } }, data: fieldData(input) });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "custom-field.updated", subject: input.key });
  return { ok: true, field: (await getField(scope, id))! };
}

/** Removes options and every answer's reference to them; answers left empty are deleted. */
async function forgetOptions({ db, merchant }: Scope, field: FieldDefinition, optionIds: string[]) {
  if (field.location === "account") {
    await db.$executeRaw`DELETE FROM custom_field_values WHERE merchant_id = ${merchant.id}::uuid AND field_id = ${field.id}::uuid AND option_ids <@ ${optionIds}::uuid[]`;
    await db.$executeRaw`
      UPDATE custom_field_values SET option_ids = ARRAY(SELECT o FROM unnest(option_ids) o WHERE o <> ALL (${optionIds}::uuid[])), updated_at = now()
       WHERE merchant_id = ${merchant.id}::uuid AND field_id = ${field.id}::uuid AND option_ids && ${optionIds}::uuid[]`;
  } else {
    await db.$executeRaw`
      UPDATE addresses SET custom_fields = custom_fields - ${field.key}
       WHERE merchant_id = ${merchant.id}::uuid AND custom_fields ? ${field.key}
         AND (custom_fields ->> ${field.key} = ANY (${optionIds}::text[]) OR custom_fields -> ${field.key} ?| ${optionIds}::text[])`;
  }
  await db.customFieldOption.deleteMany({ where: { merchantId: merchant.id, fieldId: field.id, id: { in: optionIds } } });
}

const CONVERT_BATCH = 5000;

/**
 * Re-reads every answer as the new type would receive it typed in (its displayed text, option labels for choices)
 * and rewrites them in the new type; if any does not convert, throws TypeChangeRefused (the caller rolls back).
 */
async function convertAnswers(scope: TenantScope, from: FieldDefinition, to: FieldDefinition) {
  const { db, merchant } = scope;
  const context = { country: merchant.country, timeZone: merchant.timezone, lng: merchant.defaultLocale };
  const asText = (value: CustomValue) => {
    if (choiceTypes.has(from.type)) {
      const ids = Array.isArray(value) ? value : [String(value)];
      // Several choices cannot become one answer of a single-value type.
      if (ids.length > 1 && to.type !== "checkbox") return null;
      return ids.map((id) => localized(from.options.find((o) => o.id === id)?.label, merchant.defaultLocale)).join(";");
    }
    return from.type === "yesno" || from.type === "datetime" ? String(value) : displayValue(from, value, "en", { yes: "true", no: "false" }, merchant.timezone);
  };
  let failed = 0;
  let total = 0;
  let example = "";
  const rewritten: Array<{ ownerId: bigint; value: CustomValue }> = [];
  for (let after = -1n; ; ) {
    const batch = await readAnswersOfField(db, merchant.id, from, after, CONVERT_BATCH);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.ownerId;
    for (const { ownerId, value } of batch) {
      total += 1;
      const text = asText(value);
      const result = text === null ? null : normalizeValue(to, text, context);
      if (result && "value" in result) rewritten.push({ ownerId, value: result.value });
      else {
        failed += 1;
        if (!example) example = text ?? String(value);
      }
    }
  }
  if (failed > 0) throw new TypeChangeRefused({ ok: false, error: "typeChange", failed, total, example });
  for (let i = 0; i < rewritten.length; i += CONVERT_BATCH) {
    const slice = rewritten.slice(i, i + CONVERT_BATCH);
    if (from.location === "address") await writeAddressAnswers(db, merchant.id, from.key, slice.map((r) => ({ addressId: r.ownerId, value: r.value })));
    else {
      // Typed columns differ between the types: clear the old column by rewriting the whole row.
      await db.$executeRaw`DELETE FROM custom_field_values WHERE merchant_id = ${merchant.id}::uuid AND field_id = ${from.id}::uuid AND customer_id = ANY (${slice.map((r) => r.ownerId)}::bigint[])`;
      await writeAnswers(db, merchant.id, slice.map((r) => ({ customerId: r.ownerId, field: to, value: r.value })));
    }
  }
}

/** Thrown to roll back a half-applied type change; `inShop` callers turn it into the refusal it carries. */
export class TypeChangeRefused extends Error {
  constructor(readonly result: Extract<FieldWriteResult, { error: "typeChange" }>) {
    super("type change refused");
  }
}

export type FieldDeleteResult = { ok: true } | { ok: false; error: "notFound" } | { ok: false; error: "confirm"; customers: number } | { ok: false; error: "usedByGroups"; groups: string[] };

/** Deletes a field with its answers; asks first (`confirm`) when customers hold answers. */
export async function deleteField(scope: TenantScope, id: string, options: { confirm?: boolean } = {}): Promise<FieldDeleteResult> {
  const { db, merchant, actor } = scope;
  const field = await getField(scope, id);
  if (!field) return { ok: false, error: "notFound" };
  const users = await groupsUsingField(scope, id);
  if (users.length > 0) return { ok: false, error: "usedByGroups", groups: users.map((g) => localized(g.name as Record<string, string>, merchant.defaultLocale)) };
  const customers = await countAnswers(scope, field);
  if (customers > 0 && !options.confirm) return { ok: false, error: "confirm", customers };
  if (field.location === "address") {
    await db.$executeRaw`UPDATE addresses SET custom_fields = custom_fields - ${field.key} WHERE merchant_id = ${merchant.id}::uuid AND custom_fields ? ${field.key}`;
  }
  await db.customField.delete({ where: { merchantId_id: { merchantId: merchant.id, id } } });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "custom-field.deleted", subject: field.key, data: { customers } });
  return { ok: true };
}
