import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import type { CustomAnswer, CustomerFacts } from "./criteria";

interface FactsRow {
  id: bigint;
  orders_count: number;
  completed_count: number;
  cancelled_count: number;
  total_spent_cents: string;
  avg_cents: string;
  first_order_at: Date | null;
  last_order_at: Date | null;
  last_rating: number | null;
  gender: string | null;
  birth_date: string | null;
  created_at: Date;
  status: string;
  approval: string;
  newsletter: boolean;
  locale: string | null;
  email: string;
  country: string | null;
  region: string | null;
  city: string | null;
  postcode: string | null;
  shared_ip_count: number;
  purchases: Array<{ productRef: string; quantity: number; at: string }> | null;
  answers: StoredAnswer[] | null;
}

/** [field id, text, number, date, date-time, yes/no, option ids]: one custom_field_values row, one column filled. */
type StoredAnswer = [string, string | null, string | null, string | null, string | null, boolean | null, string[]];

function answerOf([, text, number, date, ts, bool, options]: StoredAnswer): CustomAnswer {
  if (text !== null) return { kind: "text", value: text };
  if (number !== null) return { kind: "number", value: Number(number) };
  if (date !== null) return { kind: "date", value: date };
  if (ts !== null) return { kind: "datetime", value: new Date(ts) };
  if (bool !== null) return { kind: "bool", value: bool };
  return { kind: "options", value: options };
}

/** The facts the in-process evaluator needs, for a set of customers, in one query. */
export async function loadFacts({ db, merchant }: Pick<TenantScope, "db" | "merchant">, ids: bigint[]) {
  if (ids.length === 0) return new Map<bigint, CustomerFacts>();
  const rows = await db.$queryRaw<FactsRow[]>`
    SELECT c.id, s.orders_count, s.completed_count, s.cancelled_count,
           (s.total_spent * 100)::bigint::text AS total_spent_cents, (s.avg_order_value * 100)::bigint::text AS avg_cents,
           s.first_order_at, s.last_order_at, s.last_rating, c.gender::text AS gender, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date,
           c.created_at, c.status::text AS status, c.approval::text AS approval, c.newsletter, c.locale, c.email,
           a.country::text AS country, a.region, a.city, a.postcode,
           (SELECT count(DISTINCT o.customer_id)::int FROM customer_ips i
              JOIN customer_ips o ON o.merchant_id = i.merchant_id AND o.ip = i.ip AND o.customer_id <> i.customer_id
             WHERE i.merchant_id = c.merchant_id AND i.customer_id = c.id) AS shared_ip_count,
           (SELECT json_agg(json_build_object('productRef', oi.product_ref, 'quantity', oi.quantity, 'at', o.created_at))
              FROM order_items oi JOIN orders o ON o.merchant_id = oi.merchant_id AND o.id = oi.order_id
             WHERE oi.merchant_id = c.merchant_id AND o.customer_id = c.id AND o.status IN ('processing', 'shipped', 'completed')) AS purchases,
           (SELECT json_agg(json_build_array(v.field_id, v.text_value, v.number_value::text, to_char(v.date_value, 'YYYY-MM-DD'), v.ts_value, v.bool_value, v.option_ids))
              FROM custom_field_values v WHERE v.merchant_id = c.merchant_id AND v.customer_id = c.id) AS answers
      FROM customers c
      JOIN customer_stats s ON s.merchant_id = c.merchant_id AND s.customer_id = c.id
      LEFT JOIN addresses a ON a.merchant_id = c.merchant_id AND a.customer_id = c.id AND a.is_default
     WHERE c.merchant_id = ${merchant.id}::uuid AND c.id = ANY (${ids})`;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ordersCount: r.orders_count,
        completedCount: r.completed_count,
        cancelledCount: r.cancelled_count,
        totalSpentCents: Number(r.total_spent_cents),
        avgOrderValueCents: Number(r.avg_cents),
        firstOrderAt: r.first_order_at,
        lastOrderAt: r.last_order_at,
        lastRating: r.last_rating,
        gender: r.gender,
        birthDate: r.birth_date,
        createdAt: r.created_at,
        status: r.status,
        approval: r.approval,
        newsletter: r.newsletter,
        locale: r.locale,
        email: r.email,
        address: r.city !== null && r.country !== null ? { country: r.country, region: r.region, city: r.city, postcode: r.postcode } : null,
        sharedIpCount: r.shared_ip_count,
        purchases: (r.purchases ?? []).map((p) => ({ productRef: p.productRef, quantity: p.quantity, at: new Date(p.at) })),
        customFields: Object.fromEntries((r.answers ?? []).map((a) => [a[0], answerOf(a)])),
      } satisfies CustomerFacts,
    ]),
  );
}
