import { Prisma } from "~/generated/prisma/client";
import { readerOf, type Db, type Reads } from "~/utils/db.server";
import type { CustomFieldType, CustomValue, CustomValues, FieldDefinition } from "./values";

type Column = "text_value" | "number_value" | "date_value" | "ts_value" | "bool_value" | "option_ids";

/** The one typed column each field type stores its answer in (decision 010). */
export function columnOf(type: CustomFieldType): Column {
  switch (type) {
    case "number":
      return "number_value";
    case "date":
      return "date_value";
    case "datetime":
      return "ts_value";
    case "yesno":
      return "bool_value";
    case "select":
    case "radio":
    case "checkbox":
      return "option_ids";
    default:
      return "text_value";
  }
}

/** What the set-based writers need: Prisma's transaction client, or a plain pg connection (see csv.server.ts). */
export interface RawDb {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

export interface AnswerRow {
  customerId: bigint;
  field: FieldDefinition;
  value: CustomValue | null;
}

/**
 * Writes answers set-based: null clears an answer, anything else replaces it in its typed column. Used for one
 * customer (forms, API) and for thousands at once (CSV import). Returns the ids of customers whose answers changed.
 */
export async function writeAnswers(db: RawDb, merchantId: string, rows: AnswerRow[]) {
  const cleared = rows.filter((r) => r.value === null);
  const set = rows.filter((r) => r.value !== null);
  const changed = new Set<bigint>();
  if (cleared.length > 0) {
    const gone = await db.$queryRaw<Array<{ customer_id: bigint }>>`
      DELETE FROM custom_field_values v USING unnest(${cleared.map((r) => r.field.id)}::uuid[], ${cleared.map((r) => r.customerId)}::bigint[]) AS x(field_id, customer_id)
       WHERE v.merchant_id = ${merchantId}::uuid AND v.field_id = x.field_id AND v.customer_id = x.customer_id
      RETURNING v.customer_id`;
    for (const g of gone) changed.add(g.customer_id);
  }
  if (set.length > 0) {
    const col = (c: Column) => set.map((r) => (columnOf(r.field.type) === c ? r.value : null));
    const written = await db.$queryRaw<Array<{ customer_id: bigint }>>`
      INSERT INTO custom_field_values AS v (merchant_id, field_id, customer_id, text_value, number_value, date_value, ts_value, bool_value, option_ids, updated_at)
      SELECT ${merchantId}::uuid, x.field_id, x.customer_id, x.text_value, x.number_value, x.date_value, x.ts_value, x.bool_value,
             coalesce((SELECT array_agg(o::uuid) FROM jsonb_array_elements_text(x.options) o), '{}'), now()
        FROM unnest(
          ${set.map((r) => r.field.id)}::uuid[], ${set.map((r) => r.customerId)}::bigint[], ${col("text_value") as Array<string | null>}::text[],
          ${col("number_value") as Array<number | null>}::numeric[], ${col("date_value") as Array<string | null>}::date[],
          ${col("ts_value") as Array<string | null>}::timestamptz[], ${col("bool_value") as Array<boolean | null>}::boolean[],
          ${set.map((r) => (columnOf(r.field.type) === "option_ids" ? JSON.stringify(Array.isArray(r.value) ? r.value : [r.value]) : "[]"))}::jsonb[]
        ) AS x(field_id, customer_id, text_value, number_value, date_value, ts_value, bool_value, options)
      ON CONFLICT (merchant_id, field_id, customer_id) DO UPDATE
         SET text_value = excluded.text_value, number_value = excluded.number_value, date_value = excluded.date_value,
             ts_value = excluded.ts_value, bool_value = excluded.bool_value, option_ids = excluded.option_ids, updated_at = now()
       WHERE (v.text_value, v.number_value, v.date_value, v.ts_value, v.bool_value, v.option_ids)
             IS DISTINCT FROM (excluded.text_value, excluded.number_value, excluded.date_value, excluded.ts_value, excluded.bool_value, excluded.option_ids)
      RETURNING v.customer_id`;
    for (const w of written) changed.add(w.customer_id);
  }
  return changed;
}

interface StoredRow {
  customer_id: bigint;
  field_id: string;
  text_value: string | null;
  number_value: Prisma.Decimal | string | null;
  /** A day, read as text (YYYY-MM-DD) so no time zone touches it. */
  date_value: string | null;
  ts_value: Date | null;
  bool_value: boolean | null;
  option_ids: string[];
}

export function valueFromRow(field: FieldDefinition, row: Omit<StoredRow, "customer_id" | "field_id">): CustomValue | null {
  switch (columnOf(field.type)) {
    case "number_value":
      return row.number_value === null ? null : Number(row.number_value);
    case "date_value":
      return row.date_value;
    case "ts_value":
      return row.ts_value ? row.ts_value.toISOString() : null;
    case "bool_value":
      return row.bool_value;
    case "option_ids":
      return field.type === "checkbox" ? row.option_ids : (row.option_ids[0] ?? null);
    default:
      return row.text_value;
  }
}

/** Every customer's answers to the given account fields, keyed by field key (missing answers absent). */
export async function readAnswers(source: Reads, merchantId: string, fields: FieldDefinition[], customerIds: bigint[]) {
  const result = new Map<bigint, CustomValues>(customerIds.map((id) => [id, {}]));
  if (fields.length === 0 || customerIds.length === 0) return result;
  const byId = new Map(fields.map((f) => [f.id, f]));
  const rows = await readerOf(source)<StoredRow>(Prisma.sql`
    SELECT customer_id, field_id::text, text_value, number_value, date_value::text AS date_value, ts_value, bool_value, option_ids::text[]
      FROM custom_field_values
     WHERE merchant_id = ${merchantId}::uuid AND customer_id = ANY (${customerIds}::bigint[]) AND field_id = ANY (${[...byId.keys()]}::uuid[])`);
  for (const row of rows) {
    const field = byId.get(row.field_id)!;
    result.get(row.customer_id)![field.key] = valueFromRow(field, row);
  }
  return result;
}

/**
 * The groups whose requirements apply to a customer: its memberships and pinned group, or the shop's default
 * group when it is in none (decision 006), so a new customer is held to the default group's requirements.
 */
export async function effectiveGroupIds(db: RawDb, merchantId: string, customerId: bigint | null): Promise<string[]> {
  return (await effectiveGroupIdsOf(db, merchantId, [customerId ?? -1n])).get(customerId ?? -1n) ?? [];
}

/** effectiveGroupIds for many customers in one query; an id that is no customer gets the default group. */
export async function effectiveGroupIdsOf(db: RawDb, merchantId: string, customerIds: bigint[]) {
  const rows = await db.$queryRaw<Array<{ customer_id: bigint; ids: string[] }>>`
    WITH mine AS (
      SELECT customer_id, group_id FROM group_members WHERE merchant_id = ${merchantId}::uuid AND customer_id = ANY (${customerIds}::bigint[])
      UNION SELECT id, pinned_group_id FROM customers WHERE merchant_id = ${merchantId}::uuid AND id = ANY (${customerIds}::bigint[]) AND pinned_group_id IS NOT NULL
    )
    SELECT x.id AS customer_id, coalesce(
      (SELECT array_agg(group_id::text) FROM mine WHERE mine.customer_id = x.id),
      (SELECT array_agg(id::text) FROM customer_groups WHERE merchant_id = ${merchantId}::uuid AND is_default),
      '{}') AS ids
      FROM unnest(${customerIds}::bigint[]) AS x(id)`;
  return new Map(rows.map((r) => [BigInt(r.customer_id), r.ids]));
}

/** One page of a field's answers in customer order (account fields) or address order (address fields). */
export async function readAnswersOfField(db: Db, merchantId: string, field: FieldDefinition, after: bigint, limit: number) {
  if (field.location === "address") {
    const rows = await db.$queryRaw<Array<{ id: bigint; value: unknown }>>`
      SELECT id, custom_fields -> ${field.key} AS value FROM addresses
       WHERE merchant_id = ${merchantId}::uuid AND custom_fields ? ${field.key} AND id > ${after} ORDER BY id LIMIT ${limit}`;
    return rows.map((r) => ({ ownerId: r.id, value: r.value as CustomValue }));
  }
  const rows = await db.$queryRaw<StoredRow[]>`
    SELECT customer_id, field_id::text, text_value, number_value, date_value::text AS date_value, ts_value, bool_value, option_ids::text[]
      FROM custom_field_values WHERE merchant_id = ${merchantId}::uuid AND field_id = ${field.id}::uuid AND customer_id > ${after}
     ORDER BY customer_id LIMIT ${limit}`;
  return rows.flatMap((r) => {
    const value = valueFromRow(field, r);
    return value === null ? [] : [{ ownerId: r.customer_id, value }];
  });
}

/** Replaces address answers of one field (address fields live in addresses.custom_fields, by key). */
export async function writeAddressAnswers(db: Db, merchantId: string, key: string, rows: Array<{ addressId: bigint; value: CustomValue }>) {
  if (rows.length === 0) return;
  await db.$executeRaw`
    UPDATE addresses a SET custom_fields = jsonb_set(a.custom_fields, ARRAY[${key}::text], x.value)
      FROM unnest(${rows.map((r) => r.addressId)}::bigint[], ${rows.map((r) => JSON.stringify(r.value))}::jsonb[]) AS x(id, value)
     WHERE a.merchant_id = ${merchantId}::uuid AND a.id = x.id`;
}

/**
 * Saves one customer's validated answers (see customFieldsSchema): each key given is written or, when null,
 * cleared; keys not given are left as they are (the API updates partially). Returns whether anything changed.
 */
export async function saveCustomerAnswers(db: Db, merchantId: string, fields: FieldDefinition[], customerId: bigint, values: CustomValues) {
  const rows = fields.filter((f) => f.location === "account" && f.key in values).map((field) => ({ customerId, field, value: values[field.key] ?? null }));
  return (await writeAnswers(db, merchantId, rows)).size > 0;
}
