import { Prisma } from "~/generated/prisma/client";
import { fieldFilters } from "./list-filter";

/**
 * The customer list's custom-field conditions: one EXISTS per field over custom_field_values, so each is an index
 * probe per customer or a range of the field's typed index (decision 010). The field is found by key inside the
 * query; an unknown key, or an operator of another type than the field's, matches nobody.
 */
export function customFieldFilterSql(merchantId: string, params: Record<string, string> | undefined, timezone: string): Prisma.Sql[] {
  if (!params) return [];
  return [...fieldFilters(params)].map(([key, f]) => {
    const conds: Prisma.Sql[] = [];
    if (f.option !== undefined) conds.push(Prisma.sql`v.option_ids @> ARRAY[${f.option}::uuid]`);
    if (f.yes !== undefined) conds.push(Prisma.sql`v.bool_value = ${f.yes}`);
    if (f.min !== undefined) conds.push(Prisma.sql`v.number_value >= ${f.min}::numeric`);
    if (f.max !== undefined) conds.push(Prisma.sql`v.number_value <= ${f.max}::numeric`);
    // A date field keeps days, a date-time field instants: only one of the two columns is ever filled.
    if (f.from !== undefined) conds.push(Prisma.sql`(v.date_value >= ${f.from}::date OR v.ts_value >= (${f.from}::date)::timestamp AT TIME ZONE ${timezone})`);
    if (f.to !== undefined) conds.push(Prisma.sql`(v.date_value <= ${f.to}::date OR v.ts_value < (${f.to}::date + 1)::timestamp AT TIME ZONE ${timezone})`);
    if (f.has !== undefined) conds.push(Prisma.sql`lower(v.text_value) LIKE ${`%${f.has.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`);
    if (f.is !== undefined) conds.push(Prisma.sql`lower(v.text_value) = ${f.is.toLowerCase()}`);
    return Prisma.sql`EXISTS (SELECT 1 FROM custom_field_values v
      WHERE v.merchant_id = c.merchant_id AND v.customer_id = c.id
        AND v.field_id = (SELECT f.id FROM custom_fields f WHERE f.merchant_id = ${merchantId}::uuid AND f.key = ${key})
        AND ${Prisma.join(conds, " AND ")})`;
  });
}
