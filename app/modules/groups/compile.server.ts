import { Prisma } from "~/generated/prisma/client";
import { addDays, DAY_MS, startOfLocalDay, type BuiltInCondition, type Clock, type CriteriaNode, type CustomCondition } from "./criteria";

/**
 * Compiles criteria to one boolean SQL expression over `c` (customers), `s` (customer_stats) and `a` (the default
 * address, LEFT JOINed). Every condition is wrapped in COALESCE(…, false), so a missing value makes a condition
 * false and NOT behaves as in the in-process evaluator (evaluate.ts). All values are bound parameters.
 */
export function compileCriteria(node: CriteriaNode, clock: Clock): Prisma.Sql {
  switch (node.type) {
    case "and":
      return Prisma.sql`(${Prisma.join(node.children.map((c) => compileCriteria(c, clock)), " AND ")})`;
    case "or":
      return Prisma.sql`(${Prisma.join(node.children.map((c) => compileCriteria(c, clock)), " OR ")})`;
    case "not":
      return Prisma.sql`(NOT ${compileCriteria(node.child, clock)})`;
    default:
      return Prisma.sql`COALESCE(${node.field === "custom_field" ? compileCustom(node, clock) : compileCondition(node, clock)}, false)`;
  }
}

/** The same SQL function PostgreSQL's lower() needs to match fold() in criteria.ts. */
const fold = (expr: Prisma.Sql) => Prisma.sql`replace(lower(${expr}), 'ς', 'σ')`;
const foldValue = (value: string) => fold(Prisma.sql`${value}::text`);

const paid = Prisma.sql`('processing', 'shipped', 'completed')`;

function column(condition: BuiltInCondition, clock: Clock): Prisma.Sql {
  switch (condition.field) {
    case "orders_count":
      return Prisma.sql`s.orders_count`;
    case "completed_count":
      return Prisma.sql`s.completed_count`;
    case "cancelled_count":
      return Prisma.sql`s.cancelled_count`;
    case "total_spent":
      return Prisma.sql`s.total_spent`;
    case "avg_order_value":
      return Prisma.sql`s.avg_order_value`;
    case "last_rating":
      return Prisma.sql`s.last_rating`;
    case "age": {
      // Whole years, written out so it is the same arithmetic as age() in evaluate.ts.
      const t = Prisma.sql`${clock.today}::date`;
      return Prisma.sql`(extract(year FROM ${t})::int - extract(year FROM c.birth_date)::int
        - CASE WHEN (extract(month FROM ${t}), extract(day FROM ${t})) < (extract(month FROM c.birth_date), extract(day FROM c.birth_date)) THEN 1 ELSE 0 END)`;
    }
    case "shared_ip_count":
      return Prisma.sql`(SELECT count(DISTINCT o.customer_id)::int FROM customer_ips i
        JOIN customer_ips o ON o.merchant_id = i.merchant_id AND o.ip = i.ip AND o.customer_id <> i.customer_id
        WHERE i.merchant_id = c.merchant_id AND i.customer_id = c.id)`;
    case "last_order_date":
      return Prisma.sql`s.last_order_at`;
    case "first_order_date":
      return Prisma.sql`s.first_order_at`;
    case "signup_date":
      return Prisma.sql`c.created_at`;
    case "gender":
      return Prisma.sql`c.gender::text`;
    case "status":
      return Prisma.sql`c.status::text`;
    case "approval":
      return Prisma.sql`c.approval::text`;
    case "language":
      return Prisma.sql`c.locale`;
    case "country":
      return Prisma.sql`a.country::text`;
    case "region":
      return Prisma.sql`a.region`;
    case "city":
      return Prisma.sql`a.city`;
    case "postcode":
      return Prisma.sql`a.postcode`;
    case "email_domain":
      return Prisma.sql`split_part(lower(c.email), '@', 2)`;
    case "has_no_orders":
      return Prisma.sql`(s.orders_count = 0)`;
    case "newsletter":
      return Prisma.sql`c.newsletter`;
    case "birthday": {
      // Days to the next birthday; 29 February falls on the 28th in common years (as daysUntilBirthday does).
      const m = Prisma.sql`extract(month FROM c.birth_date)::int`;
      const d = Prisma.sql`extract(day FROM c.birth_date)::int`;
      const on = (year: Prisma.Sql) =>
        Prisma.sql`make_date(${year}, ${m}, LEAST(${d}, extract(day FROM (make_date(${year}, ${m}, 1) + interval '1 month - 1 day'))::int))`;
      const year = Prisma.sql`extract(year FROM ${clock.today}::date)::int`;
      return Prisma.sql`(CASE WHEN ${on(year)} >= ${clock.today}::date THEN ${on(year)} ELSE ${on(Prisma.sql`${year} + 1`)} END - ${clock.today}::date)`;
    }
    case "product": {
      const since = condition.withinDays === null ? Prisma.empty : Prisma.sql`AND o.created_at > ${new Date(clock.now.getTime() - condition.withinDays * DAY_MS)}::timestamptz`;
      return Prisma.sql`(SELECT coalesce(sum(oi.quantity), 0)::int FROM order_items oi
        JOIN orders o ON o.merchant_id = oi.merchant_id AND o.id = oi.order_id
        WHERE oi.merchant_id = c.merchant_id AND o.customer_id = c.id AND oi.product_ref = ${condition.product}
          AND o.status IN ${paid} ${since})`;
    }
  }
}

const comparison = { eq: "=", neq: "<>", lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;

function compileCondition(condition: BuiltInCondition, clock: Clock): Prisma.Sql {
  const col = column(condition, clock);
  const money = condition.field === "total_spent" || condition.field === "avg_order_value";
  const number = (value: number) => (money ? Prisma.sql`${Math.round(value * 100)}::numeric / 100` : Prisma.sql`${value}::numeric`);
  switch (condition.op) {
    case "is_set":
      return Prisma.sql`(${col} IS NOT NULL)`;
    case "is_not_set":
      return Prisma.sql`(${col} IS NULL)`;
    case "is_true":
      return Prisma.sql`(${col} = true)`;
    case "is_false":
      return Prisma.sql`(${col} = false)`;
    case "this_month":
      return Prisma.sql`(extract(month FROM c.birth_date) = extract(month FROM ${clock.today}::date))`;
    case "within_next_days":
      return Prisma.sql`(${col} <= ${condition.value})`;
    case "within_last":
      return Prisma.sql`(${col} > ${new Date(clock.now.getTime() - condition.value * DAY_MS)}::timestamptz)`;
    case "not_within_last":
      return Prisma.sql`(${col} <= ${new Date(clock.now.getTime() - condition.value * DAY_MS)}::timestamptz)`;
    case "before":
      return Prisma.sql`(${col} < ${startOfLocalDay(condition.value, clock.timeZone)}::timestamptz)`;
    case "after":
      return Prisma.sql`(${col} >= ${startOfLocalDay(addDays(condition.value, 1), clock.timeZone)}::timestamptz)`;
    case "between":
      return Prisma.sql`(${col} BETWEEN ${number(condition.value[0])} AND ${number(condition.value[1])})`;
    case "contains":
      return Prisma.sql`(position(${foldValue(condition.value)} IN ${fold(col)}) > 0)`;
    case "starts_with":
      return Prisma.sql`(left(${fold(col)}, length(${foldValue(condition.value)})) = ${foldValue(condition.value)})`;
    case "in":
    case "not_in": {
      const list = Prisma.join(condition.value.map((v) => foldValue(v)));
      return condition.op === "in" ? Prisma.sql`(${fold(col)} IN (${list}))` : Prisma.sql`(${fold(col)} NOT IN (${list}))`;
    }
    default: {
      const value = (condition as { value: string | number }).value;
      const op = Prisma.raw(comparison[condition.op]);
      if (typeof value === "string") return Prisma.sql`(${fold(col)} ${op} ${foldValue(value)})`;
      return Prisma.sql`(${col} ${op} ${number(value)})`;
    }
  }
}

/**
 * A custom-field condition: one probe of custom_field_values by its primary key (merchant, field, customer) per
 * customer. No answer gives no row, so the condition is NULL and then false. The answer is judged by the column it
 * is stored in (exactly one is filled, by a CHECK), as evaluate.ts judges CustomAnswer by its kind, so the SQL
 * needs no field type.
 */
function compileCustom(condition: CustomCondition, clock: Clock): Prisma.Sql {
  const answer = (expr: Prisma.Sql) => Prisma.sql`(SELECT ${expr} FROM custom_field_values v
    WHERE v.merchant_id = c.merchant_id AND v.field_id = ${condition.fieldId}::uuid AND v.customer_id = c.id)`;
  const options = (list: string[]) => Prisma.sql`ARRAY[${Prisma.join(list.map((id) => Prisma.sql`${id.toLowerCase()}::text`))}]`;
  const chosen = (expr: Prisma.Sql) => answer(Prisma.sql`CASE WHEN cardinality(v.option_ids) > 0 THEN ${expr} END`);
  const cutoff = (n: number) => new Date(clock.now.getTime() - n * DAY_MS);
  switch (condition.op) {
    case "is_set":
      return Prisma.sql`EXISTS ${answer(Prisma.sql`1`)}`;
    case "is_not_set":
      return Prisma.sql`NOT EXISTS ${answer(Prisma.sql`1`)}`;
    case "is_true":
      return answer(Prisma.sql`v.bool_value = true`);
    case "is_false":
      return answer(Prisma.sql`v.bool_value = false`);
    case "contains":
      return answer(Prisma.sql`position(${foldValue(condition.value)} IN ${fold(Prisma.sql`v.text_value`)}) > 0`);
    case "starts_with":
      return answer(Prisma.sql`left(${fold(Prisma.sql`v.text_value`)}, length(${foldValue(condition.value)})) = ${foldValue(condition.value)}`);
    case "in":
    case "not_in": {
      const list = Prisma.join(condition.value.map((v) => foldValue(v)));
      const negate = condition.op === "not_in" ? Prisma.sql`NOT` : Prisma.empty;
      return answer(Prisma.sql`CASE WHEN v.text_value IS NOT NULL THEN ${negate} (${fold(Prisma.sql`v.text_value`)} IN (${list}))
        WHEN cardinality(v.option_ids) > 0 THEN ${negate} (v.option_ids::text[] && ${options(condition.value)}) END`);
    }
    case "has_any":
      return chosen(Prisma.sql`v.option_ids::text[] && ${options(condition.value)}`);
    case "has_all":
      return chosen(Prisma.sql`v.option_ids::text[] @> ${options(condition.value)}`);
    case "has_none":
      return chosen(Prisma.sql`NOT (v.option_ids::text[] && ${options(condition.value)})`);
    case "before":
    case "after": {
      const lt = condition.op === "before";
      if (condition.value.includes(":")) return answer(Prisma.sql`v.text_value COLLATE "C" ${Prisma.raw(lt ? "<" : ">")} ${condition.value}::text`);
      return lt
        ? answer(Prisma.sql`COALESCE(v.date_value < ${condition.value}::date, v.ts_value < ${startOfLocalDay(condition.value, clock.timeZone)}::timestamptz)`)
        : answer(Prisma.sql`COALESCE(v.date_value > ${condition.value}::date, v.ts_value >= ${startOfLocalDay(addDays(condition.value, 1), clock.timeZone)}::timestamptz)`);
    }
    case "within_last":
      return answer(Prisma.sql`COALESCE(v.date_value > ${addDays(clock.today, -condition.value)}::date, v.ts_value > ${cutoff(condition.value)}::timestamptz)`);
    case "not_within_last":
      return answer(Prisma.sql`COALESCE(v.date_value <= ${addDays(clock.today, -condition.value)}::date, v.ts_value <= ${cutoff(condition.value)}::timestamptz)`);
    case "between":
      return answer(Prisma.sql`v.number_value BETWEEN ${condition.value[0]}::numeric AND ${condition.value[1]}::numeric`);
    default: {
      const op = Prisma.raw(comparison[condition.op]);
      if (typeof condition.value === "string") return answer(Prisma.sql`${fold(Prisma.sql`v.text_value`)} ${op} ${foldValue(condition.value)}`);
      return answer(Prisma.sql`v.number_value ${op} ${condition.value}::numeric`);
    }
  }
}

/** The FROM clause every compiled expression is evaluated over. */
export const criteriaFrom = Prisma.sql`customers c
  JOIN customer_stats s ON s.merchant_id = c.merchant_id AND s.customer_id = c.id
  LEFT JOIN addresses a ON a.merchant_id = c.merchant_id AND a.customer_id = c.id AND a.is_default`;
