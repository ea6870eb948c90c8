// A shop with a million customers for benchmarks: `npm run seed:big` (tsx scripts/seed-big.ts).
//
//   big   "Clientela Big Store" (en): owner big@clientela.local / demo-password-2026, 1,000,000 customers in the five
//         languages of prisma/seed-data.ts over three years, ≈3,000,000 orders, order items for ~5% of orders, and
//         customer_stats computed exactly (the rules of refresh_customer_stats in the customers migration).
//
// If the shop exists with customers, the script says so and exits 0; `--force` deletes it (and its owner) and loads it
// again; `--delete` only deletes it. Development options: `--customers=N` (default 1000000) and `--slug=SLUG` (owner
// SLUG@clientela.local).
//
// Everything is generated inside PostgreSQL (INSERT ... SELECT FROM generate_series with the name lists as small
// temporary tables), as the database owner (DATABASE_URL) so row-level security and the role's limits do not apply.
// Randomness comes from hashint8extended(row number, column), so every load produces the same names, e-mails and
// orders (dates are relative to the moment of the load). The data lands in one transaction: an interrupted load
// leaves an empty shop that the next run fills. The order statistics trigger is disabled inside that transaction only
// (other sessions never see it disabled: their writes to orders wait for the commit) and customer_stats is then
// computed with one set-based UPDATE.
import pg from "pg";
import { createMerchantWithOwner } from "~/modules/merchants/create-merchant.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { languages, type Language } from "~/utils/i18n";
import { languageData } from "../prisma/seed-data";

const PASSWORD = "demo-password-2026";
const YEARS = 3;
/** Share of each language among the customers. */
const LANGUAGE_WEIGHTS: Record<Language, number> = { en: 30, el: 20, ru: 20, ar: 15, fa: 15 };
/** Registration IPs shared by a few customers each (households, offices, fraud rings). */
const SHARED_IPS = 2_000;
const SHARED_IP_SHARE = 0.03;
const ORDER_ITEMS_SHARE = 0.05;

interface Options {
  slug: string;
  customers: number;
  force: boolean;
  remove: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { slug: "big", customers: 1_000_000, force: false, remove: false };
  for (const arg of argv) {
    const [key, value] = arg.split("=", 2) as [string, string | undefined];
    if (key === "--force") options.force = true;
    else if (key === "--delete") options.remove = true;
    else if (key === "--customers" && value && /^\d+$/.test(value) && Number(value) > 0) options.customers = Number(value);
    else if (key === "--slug" && value && /^[a-z0-9-]{2,40}$/.test(value)) options.slug = value;
    else throw new Error(`Unknown or invalid argument: ${arg} (use --force, --delete, --customers=N, --slug=SLUG)`);
  }
  return options;
}

const startedAt = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const fmt = (n: number | bigint | string) => Number(n).toLocaleString("en-US");

async function step<T>(label: string, fn: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
  const t0 = Date.now();
  process.stdout.write(`  ${label} ... `);
  const result = await fn();
  console.log(`${describe ? `${describe(result)}, ` : ""}${seconds(t0)}`);
  return result;
}

/** A uniform float in [0, 1) from the row's key and a column number: deterministic, independent per column. */
const u = (key: string, column: number) => `((hashint8extended(${key}, ${column}) & 4503599627370495)::float8 / 4503599627370496.0)`;

// ---------------------------------------------------------------------------------------------------------------
// Reference data from prisma/seed-data.ts, as temporary tables

/** Cumulative weights as the cut points width_bucket() takes: bucket k (0-based) has the k-th weight's share. */
function cuts(weights: number[]) {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let cumulative = 0;
  const result = weights.slice(0, -1).map((w) => (cumulative += w / total));
  return result.length > 0 ? result : [2]; // one choice: every draw falls below the cut
}

function referenceData() {
  const firsts: Array<{ lang: number; gender: string; pos: number; name: string; latin: string }> = [];
  const lasts: Array<{ lang: number; pos: number; male: string; female: string; latinMale: string; latinFemale: string }> = [];
  const langs = languages.map((code, lang) => {
    const data = languageData[code];
    const counts = { female: 0, male: 0 };
    for (const gender of ["female", "male"] as const) {
      const names = data.firstNames.filter((n) => n.gender === gender);
      counts[gender] = names.length;
      names.forEach((n, pos) => firsts.push({ lang, gender, pos, name: n.name, latin: n.latin }));
    }
    data.lastNames.forEach((n, pos) => lasts.push({ lang, pos, ...n }));
    // Templates are "+<digits>", an optional "N" (2-9), then "#" digits; each gets its group's weight share.
    const templates = data.phones.flatMap((group) =>
      group.templates.map((t) => {
        const match = /^(\+\d+)(N?)(#+)$/.exec(t);
        if (!match) throw new Error(`Unsupported phone template ${t}`);
        return { weight: group.weight / group.templates.length, prefix: match[1]!, n: match[2] === "N", digits: match[3]!.length };
      }),
    );
    return {
      lang,
      code,
      femaleCount: counts.female,
      maleCount: counts.male,
      lastCount: data.lastNames.length,
      domainCuts: `{${cuts(data.emailDomains.map((d) => d.weight)).join(",")}}`,
      domains: data.emailDomains.map((d) => d.domain),
      phoneCuts: `{${cuts(templates.map((t) => t.weight)).join(",")}}`,
      phonePrefixes: templates.map((t) => t.prefix),
      phoneN: templates.map((t) => t.n),
      phoneDigits: templates.map((t) => t.digits),
    };
  });
  return { langs, langCuts: cuts(languages.map((code) => LANGUAGE_WEIGHTS[code])), firsts, lasts };
}

async function loadReferenceTables(db: pg.Client) {
  const ref = referenceData();
  await db.query(`
    CREATE TEMP TABLE big_lang (lang int PRIMARY KEY, code text, female_count int, male_count int, last_count int,
                                domain_cuts float8[], domains text[], phone_cuts float8[], phone_prefixes text[],
                                phone_n boolean[], phone_digits int[]) ON COMMIT DROP;
    CREATE TEMP TABLE big_first (lang int, gender "Gender", pos int, name text, latin text, PRIMARY KEY (lang, gender, pos)) ON COMMIT DROP;
    CREATE TEMP TABLE big_last (lang int, pos int, male text, female text, latin_male text, latin_female text, PRIMARY KEY (lang, pos)) ON COMMIT DROP;`);
  // Arrays of arrays of different lengths cannot travel as one parameter: one row at a time (five rows).
  for (const l of ref.langs) {
    await db.query(`INSERT INTO big_lang VALUES ($1, $2, $3, $4, $5, $6::float8[], $7::text[], $8::float8[], $9::text[], $10::boolean[], $11::int[])`, [
      l.lang, l.code, l.femaleCount, l.maleCount, l.lastCount, l.domainCuts, l.domains, l.phoneCuts, l.phonePrefixes, l.phoneN, l.phoneDigits,
    ]);
  }
  await db.query(`INSERT INTO big_first SELECT * FROM unnest($1::int[], $2::"Gender"[], $3::int[], $4::text[], $5::text[])`, [
    ref.firsts.map((f) => f.lang),
    ref.firsts.map((f) => f.gender),
    ref.firsts.map((f) => f.pos),
    ref.firsts.map((f) => f.name),
    ref.firsts.map((f) => f.latin),
  ]);
  await db.query(`INSERT INTO big_last SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])`, [
    ref.lasts.map((l) => l.lang),
    ref.lasts.map((l) => l.pos),
    ref.lasts.map((l) => l.male),
    ref.lasts.map((l) => l.female),
    ref.lasts.map((l) => l.latinMale),
    ref.lasts.map((l) => l.latinFemale),
  ]);
  await db.query(`ANALYZE big_lang; ANALYZE big_first; ANALYZE big_last`);
  return `'{${ref.langCuts.join(",")}}'::float8[]`;
}

/** A public-looking IPv4 from a non-negative bigint; first octets of private, loopback and reserved ranges move up one. */
const ipFrom = (h: string) => `(
  (CASE WHEN (1 + ${h} % 223) IN (10, 100, 127, 169, 172, 192, 198, 203) THEN 2 + ${h} % 223 ELSE 1 + ${h} % 223 END)::text
  || '.' || ((${h} >> 8) % 256)::text || '.' || ((${h} >> 16) % 256)::text || '.' || (1 + (${h} >> 24) % 254)::text)::inet`;

// ---------------------------------------------------------------------------------------------------------------
// Steps

async function generateCustomers(db: pg.Client, merchantId: string, count: number, langCuts: string) {
  const i = "g.i";
  // Stage 1: one row per customer with every value drawn; the e-mail's local part may repeat.
  await step(
    "draw customers",
    () =>
      db.query(
        `CREATE TEMP TABLE big_stage ON COMMIT DROP AS
         SELECT g.i, l.code AS locale, f.gender, f.name AS first_name,
                CASE WHEN f.gender = 'female' THEN ln.female ELSE ln.male END AS last_name,
                f.latin AS latin_first, CASE WHEN f.gender = 'female' THEN ln.latin_female ELSE ln.latin_male END AS latin_last,
                l.domains[k.d] AS domain, l.phone_prefixes[k.p] AS prefix, l.phone_n[k.p] AS n, l.phone_digits[k.p] AS digits,
                -- Sign-ups grow over time (density rises towards now, as in prisma/seed.ts); ids follow sign-up order.
                now() - make_interval(days => ${YEARS * 365})
                  + make_interval(secs => ${YEARS * 365 * 86400}::float8 * power((g.i - 1 + ${u(i, 0)}) / $1::float8, 0.75)) AS created_at,
                ${u(i, 6)} AS u_phone, ${u(i, 7)} AS u_has_phone, ${u(i, 8)} AS u_email, ${u(i, 9)} AS u_year, ${u(i, 10)} AS u_num,
                ${u(i, 11)} AS u_shared, ${u(i, 12)} AS u_ip, ${u(i, 13)} AS u_status, ${u(i, 14)} AS u_newsletter,
                ${u(i, 15)} AS u_approval, ${u(i, 16)} AS u_birth, ${u(i, 17)} AS u_login, ${u(i, 18)} AS u_delay, ${u(i, 19)} AS u_digits
           FROM generate_series(1, $1::int) AS g(i)
           JOIN big_lang l ON l.lang = width_bucket(${u(i, 1)}, ${langCuts})
           JOIN big_first f ON f.lang = l.lang AND f.gender = (CASE WHEN ${u(i, 2)} < 0.5 THEN 'female' ELSE 'male' END)::"Gender"
                AND f.pos = floor(${u(i, 3)} * CASE WHEN ${u(i, 2)} < 0.5 THEN l.female_count ELSE l.male_count END)::int
           JOIN big_last ln ON ln.lang = l.lang AND ln.pos = floor(${u(i, 4)} * l.last_count)::int
           CROSS JOIN LATERAL (SELECT 1 + width_bucket(${u(i, 5)}, l.domain_cuts) AS d, 1 + width_bucket(${u(i, 6)}, l.phone_cuts) AS p) k`,
        [count],
      ),
    (r) => `${fmt(r.rowCount ?? 0)} rows`,
  );

  // Stage 2: the customers, with e-mails in the shapes people use (as prisma/seed.ts) made unique per shop: a repeated
  // address gets ".2", ".3", ... before the "@", a shape no generated local part has.
  const inserted = await step(
    "insert customers (+ their customer_stats rows, by trigger)",
    () =>
      db.query(
        `WITH shaped AS (
           SELECT s.*,
                  lower(CASE
                    WHEN s.u_email < 0.30 THEN s.latin_first || '.' || s.latin_last
                    WHEN s.u_email < 0.40 THEN s.latin_first || s.latin_last
                    WHEN s.u_email < 0.50 THEN left(s.latin_first, 1) || s.latin_last
                    WHEN s.u_email < 0.58 THEN left(s.latin_first, 1) || '.' || s.latin_last
                    WHEN s.u_email < 0.68 THEN s.latin_first || '.' || s.latin_last || lpad((60 + floor(s.u_year * 47)::int % 100)::text, 2, '0')
                    WHEN s.u_email < 0.74 THEN s.latin_first || (1960 + floor(s.u_year * 47)::int)::text
                    WHEN s.u_email < 0.80 THEN s.latin_first || '_' || s.latin_last
                    WHEN s.u_email < 0.85 THEN s.latin_last || '.' || s.latin_first
                    WHEN s.u_email < 0.90 THEN s.latin_first || (1 + floor(s.u_num * 999)::int)::text
                    WHEN s.u_email < 0.95 THEN s.latin_last || left(s.latin_first, 1)
                    ELSE s.latin_first || '.' || left(s.latin_last, 1)
                  END) AS local
             FROM big_stage s
         ), numbered AS (
           SELECT sh.*, row_number() OVER (PARTITION BY sh.local, sh.domain ORDER BY sh.i) AS rn FROM shaped sh
         )
         INSERT INTO customers (merchant_id, first_name, last_name, email, phone, gender, birth_date, locale, status, approval,
                                newsletter, newsletter_at, registration_ip, last_login_at, created_at, updated_at)
         SELECT $1::uuid, n.first_name, n.last_name,
                n.local || CASE WHEN n.rn > 1 THEN '.' || n.rn::text ELSE '' END || '@' || n.domain,
                CASE WHEN n.u_has_phone < 0.94 THEN
                  n.prefix || CASE WHEN n.n THEN (2 + floor(n.u_phone * 1e6)::bigint % 8)::text ELSE '' END
                  || lpad((floor(n.u_digits * 1e12)::bigint % (10::bigint ^ n.digits)::bigint)::text, n.digits, '0')
                END,
                n.gender,
                CASE WHEN n.u_birth < 0.7 THEN (n.created_at - make_interval(days => 6570 + floor(n.u_birth / 0.7 * 20000)::int))::date END,
                n.locale,
                CASE WHEN n.approval = 'pending' THEN 'active' WHEN n.approval = 'denied' THEN 'inactive'
                     WHEN n.u_status < 0.90 THEN 'active' WHEN n.u_status < 0.97 THEN 'inactive' ELSE 'blocked' END::"CustomerStatus",
                n.approval::"ApprovalState",
                n.newsletter,
                CASE WHEN n.newsletter THEN n.created_at + make_interval(secs => n.u_delay * 600) END,
                CASE WHEN n.u_shared < ${SHARED_IP_SHARE}
                     THEN ${ipFrom(`(hashint8extended(floor(n.u_ip * ${SHARED_IPS})::bigint, 99) & 9223372036854775807)`)}
                     ELSE ${ipFrom(`(hashint8extended(n.i, 98) & 9223372036854775807)`)} END,
                CASE WHEN n.u_login < 0.8 THEN n.created_at + (now() - n.created_at) * power(n.u_login / 0.8, 0.3) END,
                n.created_at, n.created_at
           FROM (
             SELECT nb.*,
                    CASE WHEN nb.created_at >= now() - interval '45 days' AND nb.u_approval < 0.02 THEN 'pending'
                         WHEN nb.created_at >= now() - interval '365 days' AND nb.u_approval > 0.9993 THEN 'denied'
                         ELSE 'approved' END AS approval,
                    nb.u_newsletter < 0.35 AND NOT (nb.created_at >= now() - interval '365 days' AND nb.u_approval > 0.9993) AS newsletter
               FROM numbered nb
           ) n
          ORDER BY n.i`,
        [merchantId],
      ),
    (r) => `${fmt(r.rowCount ?? 0)} customers`,
  );
  return inserted.rowCount ?? 0;
}

async function generateOrders(db: pg.Client, merchantId: string, currency: string, replica: boolean) {
  // Orders per customer: floor of an exponential whose mean grows with the customer's tenure (≈3 per customer overall,
  // a quarter or so with none); dates between sign-up and now; statuses by age (recent ones still open).
  const key = "(c.id * 1000 + j.j)";
  const orders = await step(
    `insert orders (statistics trigger ${replica ? "skipped: session_replication_role = replica" : "disabled in this transaction"})`,
    () =>
      db.query(
        `INSERT INTO orders (merchant_id, number, customer_id, status, total, currency, payment_method, shipping_method, created_at, updated_at)
         SELECT $1::uuid, 'B' || lpad(row_number() OVER (ORDER BY o.created_at, o.customer_id, o.j)::text, 8, '0'), o.customer_id,
                o.status::"OrderStatus",
                greatest(1, round((exp(ln(55) + 0.75 * sqrt(-2 * ln(1 - o.u_total1)) * cos(2 * pi() * o.u_total2)))::numeric, 2)),
                $2, (ARRAY['card', 'card', 'card', 'paypal', 'bank_transfer', 'cash_on_delivery'])[1 + floor(o.u_pay * 6)::int],
                (ARRAY['standard', 'standard', 'express', 'pickup'])[1 + floor(o.u_ship * 4)::int],
                o.created_at,
                least(now(), o.created_at + CASE WHEN o.status = 'pending' THEN interval '0' ELSE make_interval(hours => 2 + floor(o.u_ship * 120)::int) END)
           FROM (
             SELECT x.*,
                    CASE
                      WHEN x.age < interval '1 day' THEN CASE WHEN x.u_status < 0.4 THEN 'pending' ELSE 'processing' END
                      WHEN x.age < interval '4 days' THEN CASE WHEN x.u_status < 0.3 THEN 'processing' WHEN x.u_status < 0.9 THEN 'shipped' ELSE 'cancelled' END
                      WHEN x.age < interval '10 days' THEN CASE WHEN x.u_status < 0.4 THEN 'shipped' WHEN x.u_status < 0.95 THEN 'completed' ELSE 'cancelled' END
                      ELSE CASE WHEN x.u_status < 0.87 THEN 'completed' WHEN x.u_status < 0.94 THEN 'cancelled' WHEN x.u_status < 0.99 THEN 'refunded' ELSE 'pending' END
                    END AS status
               FROM (
                 SELECT c.id AS customer_id, j.j,
                        c.created_at + (now() - c.created_at) * ${u(key, 21)} AS created_at,
                        (now() - c.created_at) * (1 - ${u(key, 21)}) AS age,
                        ${u(key, 22)} AS u_status, ${u(key, 23)} AS u_total1, ${u(key, 24)} AS u_total2,
                        ${u(key, 25)} AS u_pay, ${u(key, 26)} AS u_ship
                   FROM customers c
                   CROSS JOIN LATERAL generate_series(1, least(150, floor(-(1.0 + 5.7 * extract(epoch FROM now() - c.created_at) / ${YEARS * 365 * 86400}) * ln(1 - ${u("c.id", 20)}))::int)) AS j(j)
                  WHERE c.merchant_id = $1::uuid
               ) x
           ) o
          ORDER BY o.created_at, o.customer_id, o.j`,
        [merchantId, currency],
      ),
    (r) => `${fmt(r.rowCount ?? 0)} orders`,
  );

  const items = await step(
    `insert order items (~${ORDER_ITEMS_SHARE * 100}% of orders, 1-3 items adding up to the total)`,
    () =>
      db.query(
        `INSERT INTO order_items (merchant_id, order_id, product_ref, name, quantity, price)
         SELECT $1::uuid, o.id, 'SKU-' || lpad((1 + p.k)::text, 4, '0'),
                (ARRAY['Linen shirt', 'Wool scarf', 'Leather wallet', 'Ceramic mug', 'Notebook', 'Desk lamp', 'Tea sampler',
                       'Olive oil 1 l', 'Canvas tote', 'Running socks', 'Phone case', 'Scented candle'])[1 + p.k % 12]
                  || CASE WHEN p.k >= 12 THEN ' ' || (ARRAY['S', 'M', 'L', 'XL', 'blue', 'green', 'black', 'red'])[1 + (p.k / 12) % 8] ELSE '' END,
                1,
                CASE WHEN j.j < o.n THEN round(o.total * (ARRAY[0.6, 0.5, 0.3])[CASE WHEN o.n = 2 THEN 1 WHEN j.j = 1 THEN 2 ELSE 3 END], 2)
                     ELSE o.total - CASE o.n WHEN 1 THEN 0 WHEN 2 THEN round(o.total * 0.6, 2) ELSE round(o.total * 0.5, 2) + round(o.total * 0.3, 2) END
                END
           FROM (SELECT o.id, o.total, 1 + floor(${u("o.id", 31)} * 3)::int AS n FROM orders o
                  WHERE o.merchant_id = $1::uuid AND ${u("o.id", 30)} < ${ORDER_ITEMS_SHARE}) o
          CROSS JOIN LATERAL generate_series(1, o.n) AS j(j)
          CROSS JOIN LATERAL (SELECT floor(${u("(o.id * 4 + j.j)", 32)} * 96)::int AS k) p
          ORDER BY o.id, j.j`,
        [merchantId],
      ),
    (r) => `${fmt(r.rowCount ?? 0)} items`,
  );
  return { orders: orders.rowCount ?? 0, items: items.rowCount ?? 0 };
}

async function computeStats(db: pg.Client, merchantId: string) {
  // The rules of refresh_customer_stats (customers migration): counts over all orders, spending over processing,
  // shipped and completed. Customers without orders keep the zero row their insert created.
  return step(
    "compute customer_stats (one set-based UPDATE)",
    () =>
      db.query(
        `UPDATE customer_stats s SET
            orders_count = a.orders_count, completed_count = a.completed_count, cancelled_count = a.cancelled_count,
            total_spent = a.total_spent, avg_order_value = a.avg_order_value,
            first_order_at = a.first_order_at, last_order_at = a.last_order_at
           FROM (
             SELECT o.customer_id,
                    count(*)::int AS orders_count,
                    (count(*) FILTER (WHERE o.status = 'completed'))::int AS completed_count,
                    (count(*) FILTER (WHERE o.status = 'cancelled'))::int AS cancelled_count,
                    coalesce(sum(o.total) FILTER (WHERE o.status IN ('processing', 'shipped', 'completed')), 0) AS total_spent,
                    coalesce(round(avg(o.total) FILTER (WHERE o.status IN ('processing', 'shipped', 'completed')), 2), 0) AS avg_order_value,
                    min(o.created_at) AS first_order_at,
                    max(o.created_at) AS last_order_at
               FROM orders o
              WHERE o.merchant_id = $1::uuid
              GROUP BY o.customer_id
           ) a
          WHERE s.merchant_id = $1::uuid AND s.customer_id = a.customer_id`,
        [merchantId],
      ),
    (r) => `${fmt(r.rowCount ?? 0)} customers with orders`,
  );
}

/** Recomputes a sample with the migration's own refresh_customer_stats and counts differences (rolled back). */
async function verifyStats(db: pg.Client, merchantId: string) {
  return step(
    "verify customer_stats against refresh_customer_stats (2,000 customers, rolled back)",
    async () => {
      await db.query("BEGIN");
      try {
        await db.query(`CREATE TEMP TABLE big_before ON COMMIT DROP AS
          SELECT * FROM customer_stats WHERE merchant_id = $1::uuid AND customer_id IN (
            SELECT id FROM customers WHERE merchant_id = $1::uuid ORDER BY hashint8extended(id, 7) LIMIT 2000)`, [merchantId]);
        await db.query(`SELECT refresh_customer_stats($1::uuid, (SELECT array_agg(customer_id ORDER BY customer_id) FROM big_before))`, [merchantId]);
        const { rows } = await db.query<{ n: string }>(`
          SELECT count(*) AS n FROM big_before b JOIN customer_stats s USING (merchant_id, customer_id)
           WHERE (b.orders_count, b.completed_count, b.cancelled_count, b.total_spent, b.avg_order_value, b.first_order_at, b.last_order_at)
                 IS DISTINCT FROM (s.orders_count, s.completed_count, s.cancelled_count, s.total_spent, s.avg_order_value, s.first_order_at, s.last_order_at)`);
        return Number(rows[0]!.n);
      } finally {
        await db.query("ROLLBACK");
      }
    },
    (n) => (n === 0 ? "identical" : `${n} DIFFERENCES`),
  );
}

/** Deletes the shop's rows from every tenant table without firing per-row triggers, then the shop and its owner. */
async function deleteShop(db: pg.Client, merchantId: string, ownerEmail: string) {
  await db.query("BEGIN");
  try {
    // replica mode skips triggers and foreign-key actions: every table with merchant_id is emptied for this shop.
    await db.query("SET LOCAL session_replication_role = replica");
    const { rows: tables } = await db.query<{ name: string }>(`
      SELECT format('%I.%I', n.nspname, c.relname) AS name
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attname = 'merchant_id' AND NOT a.attisdropped`);
    let deleted = 0;
    for (const { name } of tables) deleted += (await db.query(`DELETE FROM ${name} WHERE merchant_id = $1::uuid`, [merchantId])).rowCount ?? 0;
    await db.query("SET LOCAL session_replication_role = origin");
    await db.query("DELETE FROM merchants WHERE id = $1::uuid", [merchantId]);
    // The owner goes too unless they also work in another shop (sessions follow by cascade).
    await db.query(`DELETE FROM users u WHERE u.email = $1 AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.user_id = u.id)`, [ownerEmail]);
    await db.query("COMMIT");
    return deleted;
  } catch (error) {
    await db.query("ROLLBACK");
    throw error;
  }
}

async function vacuum(db: pg.Client, table: string) {
  for (let attempt = 1; ; attempt++) {
    await db.query(`VACUUM (ANALYZE) ${table}`);
    const { rows } = await db.query<{ share: number }>(
      "SELECT CASE WHEN relpages = 0 THEN 1 ELSE relallvisible::float8 / relpages END AS share FROM pg_class WHERE oid = $1::regclass",
      [table],
    );
    const share = rows[0]!.share;
    if (share >= 0.95 || attempt === 3) return share;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

async function counts(db: pg.Client, merchantId: string) {
  const { rows } = await db.query<{ customers: string; orders: string; items: string }>(
    `SELECT (SELECT count(*) FROM customers WHERE merchant_id = $1::uuid) AS customers,
            (SELECT count(*) FROM orders WHERE merchant_id = $1::uuid) AS orders,
            (SELECT count(*) FROM order_items WHERE merchant_id = $1::uuid) AS items`,
    [merchantId],
  );
  const row = rows[0]!;
  return { customers: Number(row.customers), orders: Number(row.orders), items: Number(row.items) };
}

async function ensureTriggerEnabled(db: pg.Client) {
  const { rows } = await db.query<{ tgenabled: string }>(
    `SELECT tgenabled FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND tgname = 'orders_stats_insert'`,
  );
  if (rows[0] && rows[0].tgenabled === "D") {
    await db.query("ALTER TABLE orders ENABLE TRIGGER orders_stats_insert");
    console.log("  (re-enabled orders_stats_insert)");
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const ownerEmail = `${options.slug}@clientela.local`;
  const db = new pg.Client({ connectionString: env.DATABASE_URL, application_name: "clientela seed:big" });
  await db.connect();
  try {
    const find = async () =>
      (await db.query<{ id: string; currency: string }>("SELECT id, currency FROM merchants WHERE slug = $1", [options.slug])).rows[0];
    let shop = await find();
    if (options.remove) {
      if (shop) await step(`delete shop "${options.slug}"`, () => deleteShop(db, shop!.id, ownerEmail), (n) => `${fmt(n)} rows`);
      else console.log(`No shop "${options.slug}": nothing to delete.`);
      return;
    }
    if (shop) {
      const have = await counts(db, shop.id);
      if (!options.force && have.customers > 0) {
        console.log(
          `Shop "${options.slug}" already exists (${fmt(have.customers)} customers, ${fmt(have.orders)} orders): nothing to do. ` +
            `Use \`npm run seed:big -- --force\` to recreate it.`,
        );
        return;
      }
      if (options.force) {
        await step(`delete shop "${options.slug}" (--force)`, () => deleteShop(db, shop!.id, ownerEmail), (n) => `${fmt(n)} rows`);
        shop = undefined;
      } else {
        console.log(`Shop "${options.slug}" exists without customers (an interrupted load?): loading it now.`);
      }
    }

    if (!shop) {
      await step(`create shop "${options.slug}" and owner ${ownerEmail}`, async () => {
        const created = await createMerchantWithOwner({
          shopName: options.slug === "big" ? "Clientela Big Store" : `Clientela Big Store (${options.slug})`,
          slug: options.slug,
          name: "Bruno Kowalski",
          email: ownerEmail,
          password: PASSWORD,
          language: "en",
        });
        if (!created.ok) throw new Error(`Cannot create shop ${options.slug}: ${created.error} (${ownerEmail})`);
      });
      shop = await find();
      if (!shop) throw new Error("shop vanished after creation");
    }
    const merchantId = shop.id;

    console.log(`Loading ${fmt(options.customers)} customers into "${options.slug}" (one transaction):`);
    await db.query("BEGIN");
    try {
      await db.query(`SET LOCAL work_mem = '512MB'; SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL synchronous_commit = off;
                      SET LOCAL gin_pending_list_limit = '64MB'; SET LOCAL temp_buffers = '512MB'`);
      // Two loads of the same shop at once: the second waits here, then finds the customers and stops.
      await db.query("SELECT pg_advisory_xact_lock(hashtext('clientela-seed-big:' || $1))", [merchantId]);
      if ((await counts(db, merchantId)).customers > 0) {
        await db.query("ROLLBACK");
        console.log(`Shop "${options.slug}" was filled by another run meanwhile: nothing to do.`);
        return;
      }
      const langCuts = await loadReferenceTables(db);
      await generateCustomers(db, merchantId, options.customers, langCuts);
      // The statistics trigger would recompute every customer once per statement; it is skipped for the bulk insert
      // and the statistics computed once afterwards. As superuser, replica mode skips triggers (and the foreign-key
      // checks, which hold by construction: orders are drawn from this shop's customers) for this session only;
      // otherwise the trigger is disabled inside this transaction, which makes other sessions' writes to orders wait.
      const { rows: su } = await db.query<{ on: boolean }>("SELECT current_setting('is_superuser') = 'on' AS on");
      const replica = su[0]!.on;
      await db.query(replica ? "SET LOCAL session_replication_role = replica" : "ALTER TABLE orders DISABLE TRIGGER orders_stats_insert");
      await generateOrders(db, merchantId, shop.currency, replica);
      await db.query(replica ? "SET LOCAL session_replication_role = origin" : "ALTER TABLE orders ENABLE TRIGGER orders_stats_insert");
      // Fresh statistics so the UPDATE below is planned for a million rows, not for the tables as they were.
      await step("analyze customers, customer_stats, orders", () => db.query("ANALYZE customers; ANALYZE customer_stats; ANALYZE orders"));
      await computeStats(db, merchantId);
      await step("commit", () => db.query("COMMIT"));
    } catch (error) {
      await db.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      // The disable was inside the transaction, so a rollback undid it; this only guards against the unexpected.
      await ensureTriggerEnabled(db);
    }

    // VACUUM sets the visibility map (index-only scans for counts) and moves the trigram index's pending list into
    // the index proper; ANALYZE gives the planner this shop's distributions.
    // A transaction open elsewhere in the database (a dev server, a test) can hold VACUUM back: it is retried.
    for (const table of ["customers", "customer_stats", "orders", "order_items"]) {
      const visible = await step(`vacuum analyze ${table}`, () => vacuum(db, table), (share) => `${(share * 100).toFixed(0)}% of pages all-visible`);
      if (visible < 0.95) console.log(`  (another transaction held VACUUM back: run \`VACUUM ANALYZE ${table}\` later for index-only scans)`);
    }
    await verifyStats(db, merchantId);

    const have = await counts(db, merchantId);
    const { rows: mix } = await db.query<{ locale: string; n: string }>(
      `SELECT locale, count(*) AS n FROM customers WHERE merchant_id = $1::uuid GROUP BY locale ORDER BY count(*) DESC`,
      [merchantId],
    );
    console.log(
      `Shop "${options.slug}": ${fmt(have.customers)} customers (${mix.map((m) => `${m.locale} ${fmt(m.n)}`).join(", ")}), ` +
        `${fmt(have.orders)} orders, ${fmt(have.items)} order items`,
    );
    console.log(`Login: ${ownerEmail} / ${PASSWORD}  →  http://localhost:${env.PORT}/m/${options.slug}/customers`);
    console.log(`Done in ${seconds(startedAt)}`);
  } finally {
    await db.end();
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
