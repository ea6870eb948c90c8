import { Prisma } from "~/generated/prisma/client";
import type { Read } from "~/utils/db.server";
import { COUNT_LIMIT } from "~/modules/customers/list-query";
import { fieldFilters, type FieldFilter } from "./list-filter";
import type { CustomFieldType } from "./values";

/**
 * Conditions on one answer row `v`. Knowing the field's type lets a condition use the type's own index (the chosen
 * option of a select or radio field, a date or a date-time column); without it they hold for any type.
 */
function answerConditions(f: FieldFilter, timezone: string, type?: CustomFieldType): Prisma.Sql[] {
  const conds: Prisma.Sql[] = [];
  if (f.option !== undefined) {
    conds.push(type === "select" || type === "radio" ? Prisma.sql`v.choice = ${f.option}::uuid` : Prisma.sql`v.option_ids @> ARRAY[${f.option}::uuid]`);
  }
  if (f.yes !== undefined) conds.push(Prisma.sql`v.bool_value = ${f.yes}`);
  if (f.min !== undefined) conds.push(Prisma.sql`v.number_value >= ${f.min}::numeric`);
  if (f.max !== undefined) conds.push(Prisma.sql`v.number_value <= ${f.max}::numeric`);
  // A date field keeps days, a date-time field instants: only one of the two columns is ever filled.
  const onDays = type === undefined || type === "date";
  const onInstants = type === undefined || type === "datetime";
  const either = (a: Prisma.Sql, b: Prisma.Sql) => (onDays && onInstants ? Prisma.sql`(${a} OR ${b})` : onDays ? a : b);
  if (f.from !== undefined) conds.push(either(Prisma.sql`v.date_value >= ${f.from}::date`, Prisma.sql`v.ts_value >= (${f.from}::date)::timestamp AT TIME ZONE ${timezone}`));
  if (f.to !== undefined) conds.push(either(Prisma.sql`v.date_value <= ${f.to}::date`, Prisma.sql`v.ts_value < (${f.to}::date + 1)::timestamp AT TIME ZONE ${timezone}`));
  if (f.has !== undefined) conds.push(Prisma.sql`lower(v.text_value) LIKE ${`%${f.has.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`);
  if (f.is !== undefined) conds.push(Prisma.sql`lower(v.text_value) = ${f.is.toLowerCase()}`);
  return conds;
}

/**
 * The customer list's custom-field conditions: one EXISTS per field over custom_field_values, so each is an index
 * probe per customer or a range of the field's typed index (decision 010). The field is found by key inside the
 * query; an unknown key, or an operator of another type than the field's, matches nobody.
 */
export function customFieldFilterSql(merchantId: string, params: Record<string, string> | undefined, timezone: string): Prisma.Sql[] {
  if (!params) return [];
  return [...fieldFilters(params)].map(([key, f]) => Prisma.sql`EXISTS (SELECT 1 FROM custom_field_values v
      WHERE v.merchant_id = c.merchant_id AND v.customer_id = c.id
        AND v.field_id = (SELECT f.id FROM custom_fields f WHERE f.merchant_id = ${merchantId}::uuid AND f.key = ${key})
        AND ${Prisma.join(answerConditions(f, timezone), " AND ")})`);
}

/**
 * The list's capped count when one custom field is the only filter: every answer belongs to one customer of the
 * shop, so the answers are counted alone, from the field's typed index (decision 015). Null when the filters are
 * anything else.
 */
export async function countByAnswers(read: Read, merchantId: string, params: Record<string, string> | undefined, timezone: string) {
  const filters = [...fieldFilters(params ?? {})];
  if (filters.length !== 1) return null;
  const [[key, filter]] = filters as [[string, FieldFilter]];
  const [field] = await read<{ id: string; type: CustomFieldType }>(
    Prisma.sql`SELECT id::text AS id, type::text AS type FROM custom_fields WHERE merchant_id = ${merchantId}::uuid AND key = ${key}`,
  );
  if (!field) return 0;
  const [row] = await read<{ n: bigint }>(Prisma.sql`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM custom_field_values v
       WHERE v.merchant_id = ${merchantId}::uuid AND v.field_id = ${field.id}::uuid AND ${Prisma.join(answerConditions(filter, timezone, field.type), " AND ")}
       LIMIT ${COUNT_LIMIT + 1}) t`);
  return Number(row!.n);
}
