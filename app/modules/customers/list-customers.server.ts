import { Prisma } from "~/generated/prisma/client";
import { countByAnswers, customFieldFilterSql } from "~/modules/custom-fields/list-filter.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { readerOf, type Read, type Reads } from "~/utils/db.server";
import { toLatinDigits } from "./identity";
import { COUNT_LIMIT, hasCustomerFilters, type ListFilters, type ListQuery, type SortKey } from "./list-query";


// `id` is the tie-breaker from the same table as the sort value, so that the keyset row comparison is a condition on
// one index ((merchant_id, total_spent, customer_id) for spent): c.id equals s.customer_id, but the planner does not
// substitute it inside a row comparison, and a deep page then walked the index from the top (1.5 s at 1M customers).
const cId = Prisma.sql`c.id`;
const sId = Prisma.sql`s.customer_id`;
const sortColumns: Record<SortKey, { expr: Prisma.Sql; cast: Prisma.Sql; nullable: boolean; id: Prisma.Sql }> = {
  name: { expr: Prisma.sql`lower(c.first_name || ' ' || c.last_name)`, cast: Prisma.sql`::text`, nullable: false, id: cId },
  email: { expr: Prisma.sql`lower(c.email)`, cast: Prisma.sql`::text`, nullable: false, id: cId },
  status: { expr: Prisma.sql`c.status`, cast: Prisma.sql`::"CustomerStatus"`, nullable: false, id: cId },
  ip: { expr: Prisma.sql`c.registration_ip`, cast: Prisma.sql`::inet`, nullable: true, id: cId },
  created: { expr: Prisma.sql`c.created_at`, cast: Prisma.sql`::timestamptz`, nullable: false, id: cId },
  orders: { expr: Prisma.sql`s.orders_count`, cast: Prisma.sql`::int`, nullable: false, id: sId },
  spent: { expr: Prisma.sql`s.total_spent`, cast: Prisma.sql`::numeric`, nullable: false, id: sId },
};

/** The shop, and its tenant transaction: Prisma's, or a lean read-only one (the list page, decision 014). */
export type ListScope = Pick<TenantScope, "merchant"> & Reads;

interface Cursor {
  s: SortKey;
  v: string | null;
  id: string;
}

export function encodeCursor(cursor: Cursor) {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(value: string | undefined, sort: SortKey): Cursor | null {
  if (!value) return null;
  try {
    const cursor = JSON.parse(Buffer.from(value, "base64url").toString()) as Cursor;
    if (cursor.s !== sort || !/^\d+$/.test(cursor.id) || (cursor.v !== null && typeof cursor.v !== "string")) return null;
    return cursor;
  } catch {
    return null;
  }
}

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The WHERE clause for the filters; every condition is a parameter, the shop always comes first. */
export function filterSql(merchantId: string, filters: ListFilters, timezone: string) {
  const parts: Prisma.Sql[] = [Prisma.sql`c.merchant_id = ${merchantId}::uuid`];
  if (filters.q) {
    parts.push(Prisma.sql`customer_search_text(c.first_name, c.last_name, c.email, c.phone) LIKE ${`%${likeEscape(toLatinDigits(filters.q).toLowerCase())}%`}`);
  }
  if (filters.name) parts.push(Prisma.sql`lower(c.first_name || ' ' || c.last_name) LIKE ${`${likeEscape(filters.name.toLowerCase())}%`}`);
  if (filters.email) parts.push(Prisma.sql`lower(c.email) LIKE ${`${likeEscape(filters.email.toLowerCase())}%`}`);
  if (filters.phone) {
    const digits = toLatinDigits(filters.phone).replace(/\D/g, "");
    if (digits) parts.push(Prisma.sql`c.phone LIKE ${`%${digits}%`}`);
  }
  if (filters.status) parts.push(Prisma.sql`c.status = ${filters.status}::"CustomerStatus"`);
  if (filters.approval) parts.push(Prisma.sql`c.approval = ${filters.approval}::"ApprovalState"`);
  if (filters.ip) {
    parts.push(Prisma.sql`(c.registration_ip = ${filters.ip}::inet OR EXISTS (
      SELECT 1 FROM customer_ips i WHERE i.merchant_id = c.merchant_id AND i.customer_id = c.id AND i.ip = ${filters.ip}::inet))`);
  }
  // Dates are days in the shop's time zone.
  if (filters.from) parts.push(Prisma.sql`c.created_at >= (${filters.from}::date)::timestamp AT TIME ZONE ${timezone}`);
  if (filters.to) parts.push(Prisma.sql`c.created_at < ((${filters.to}::date + 1))::timestamp AT TIME ZONE ${timezone}`);
  if (filters.newsletter) parts.push(Prisma.sql`c.newsletter = ${filters.newsletter === "yes"}`);
  parts.push(...customFieldFilterSql(merchantId, filters.customFields, timezone));
  return Prisma.join(parts, " AND ");
}

/** Keyset condition for (sort value, id) in the scan direction, with NULLs (IP only) after every value. */
function keysetSql(sort: SortKey, forward: "asc" | "desc", cursor: Cursor) {
  const { expr, cast, nullable, id: idCol } = sortColumns[sort];
  const id = BigInt(cursor.id);
  const cmp = forward === "asc" ? Prisma.sql`>` : Prisma.sql`<`;
  if (!nullable) return Prisma.sql`(${expr}, ${idCol}) ${cmp} (${cursor.v}${cast}, ${id})`;
  // NULLS LAST when ascending and NULLS FIRST when descending: the order a b-tree scan gives in each direction.
  if (forward === "asc") {
    return cursor.v === null
      ? Prisma.sql`(${expr} IS NULL AND c.id > ${id})`
      : Prisma.sql`((${expr}, c.id) > (${cursor.v}${cast}, ${id}) OR ${expr} IS NULL)`;
  }
  return cursor.v === null
    ? Prisma.sql`(${expr} IS NULL AND c.id < ${id} OR ${expr} IS NOT NULL)`
    : Prisma.sql`(${expr}, c.id) < (${cursor.v}${cast}, ${id})`;
}

export interface CustomerRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  status: string;
  approval: string;
  ip: string | null;
  locale: string | null;
  createdAt: string;
  ordersCount: number;
  totalSpent: string;
  /** The default group by decision 006: pinned, else the first group by precedence the customer is in, else the shop's default. */
  defaultGroupId: string | null;
}

interface RawRow {
  id: bigint;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  status: string;
  approval: string;
  ip: string | null;
  locale: string | null;
  created_at: Date;
  orders_count: number;
  total_spent: string;
  sort_value: string | null;
  default_group_id: string | null;
}

/**
 * One page of the customer list: filters, search, any sort, keyset pagination in both directions (no OFFSET),
 * so a page deep in a million customers costs what the first one does.
 */
export async function listCustomers(scope: ListScope, query: ListQuery) {
  const page = pageSql(query, filterSql(scope.merchant.id, query, scope.merchant.timezone));
  return page.result(await readerOf(scope)<RawRow>(page.sql));
}

/** The page's statement for rows matching `filter` (a condition on c), and how its rows become the page. */
function pageSql(query: ListQuery, filter: Prisma.Sql) {
  const { sort, dir, size } = query;
  const after = decodeCursor(query.after, sort);
  const before = after ? null : decodeCursor(query.before, sort);
  const scanDir = before ? (dir === "asc" ? "desc" : "asc") : dir;
  const { expr } = sortColumns[sort];
  const where = [filter];
  if (after) where.push(keysetSql(sort, scanDir, after));
  if (before) where.push(keysetSql(sort, scanDir, before));
  const order = scanDir === "asc" ? Prisma.sql`ASC NULLS LAST` : Prisma.sql`DESC NULLS FIRST`;
  const idOrder = scanDir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;

  const sql = Prisma.sql`
    SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.status::text AS status, c.approval::text AS approval,
           host(c.registration_ip) AS ip, c.locale, c.created_at, s.orders_count, s.total_spent::text AS total_spent,
           (${expr})::text AS sort_value,
           COALESCE(c.pinned_group_id,
             (SELECT g.id FROM group_members m JOIN customer_groups g ON g.merchant_id = m.merchant_id AND g.id = m.group_id
               WHERE m.merchant_id = c.merchant_id AND m.customer_id = c.id ORDER BY g.sort_order, g.created_at LIMIT 1),
             (SELECT g.id FROM customer_groups g WHERE g.merchant_id = c.merchant_id AND g.is_default LIMIT 1))::text AS default_group_id
      FROM customers c
      JOIN customer_stats s ON s.merchant_id = c.merchant_id AND s.customer_id = c.id
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${expr} ${order}, ${sortColumns[sort].id} ${idOrder}
     LIMIT ${size + 1}`;
  return { sql, result: (rows: RawRow[]) => pageOf(rows, query, after, before) };
}

function pageOf(rows: RawRow[], { sort, size }: ListQuery, after: Cursor | null, before: Cursor | null) {
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const cursorOf = (row: RawRow) => encodeCursor({ s: sort, v: sortValue(sort, row), id: row.id.toString() });
  return {
    customers: page.map(toRow),
    next: last && (before ? true : more) ? cursorOf(last) : null,
    prev: first && (before ? more : Boolean(after)) ? cursorOf(first) : null,
  };
}

function sortValue(sort: SortKey, row: RawRow) {
  // Timestamps go through ISO so the cursor keeps milliseconds exactly.
  if (sort === "created") return row.created_at.toISOString();
  return row.sort_value;
}

function toRow(row: RawRow): CustomerRow {
  return {
    id: row.id.toString(),
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    status: row.status,
    approval: row.approval,
    ip: row.ip,
    locale: row.locale,
    createdAt: row.created_at.toISOString(),
    ordersCount: row.orders_count,
    totalSpent: row.total_spent,
    defaultGroupId: row.default_group_id,
  };
}

/** A search term of three or more characters always has trigrams to look up in the search index. */
const searchesTrigrams = (filters: ListFilters) => (filters.q?.length ?? 0) >= 3;

/**
 * Reads up to 10,001 matches of a search through the trigram index. The planner guesses the same share of matches
 * for every term, and for a frequent short one it then prefers reading the shop in order until 10,001 match (140 ms
 * of CPU at 1M customers) over the index (40 ms); a term of three or more characters always has trigrams to look up.
 */
async function onTrigrams<T>(read: Read, statement: Prisma.Sql) {
  await read(Prisma.sql`SELECT set_config('enable_seqscan', 'off', true)`);
  const rows = await read<T>(statement);
  await read(Prisma.sql`SELECT set_config('enable_seqscan', 'on', true)`);
  return rows;
}

/** Exact up to COUNT_LIMIT (10,000), else "more than" unless an exact count is asked for. */
export async function countCustomers(scope: ListScope, filters: ListFilters, exact = false) {
  const { merchant } = scope;
  const read = readerOf(scope);
  const where = filterSql(merchant.id, filters, merchant.timezone);
  if (exact) {
    // The lean read path turns parallel plans off for pages; a count of the whole shop is where they pay.
    await read(Prisma.sql`SET LOCAL max_parallel_workers_per_gather TO DEFAULT`);
    const [row] = await read<{ n: bigint }>(Prisma.sql`SELECT count(*) AS n FROM customers c WHERE ${where}`);
    return { count: Number(row!.n), capped: false };
  }
  const shown = (n: number) => (n > COUNT_LIMIT ? { count: COUNT_LIMIT, capped: true } : { count: n, capped: false });
  const onCustomers = hasCustomerFilters(filters);
  if (!onCustomers) {
    const answers = await countByAnswers(read, merchant.id, filters.customFields, merchant.timezone);
    if (answers !== null) return shown(answers);
  }
  // With no filter at all the planner reads 10,001 wide rows (7 ms at 1M customers); asking for them in primary-key
  // order makes it read as many entries of that index instead (under 1 ms).
  const unfiltered = !onCustomers && !filters.customFields;
  const capped = Prisma.sql`SELECT count(*) AS n FROM (SELECT 1 FROM customers c WHERE ${where}${unfiltered ? Prisma.sql` ORDER BY c.id` : Prisma.empty} LIMIT ${COUNT_LIMIT + 1}) t`;
  const [row] = searchesTrigrams(filters) ? await onTrigrams<{ n: bigint }>(read, capped) : await read<{ n: bigint }>(capped);
  return shown(Number(row!.n));
}

/**
 * The page and the count together, as the list page and the API list show them. A substring search reads its
 * matches through the trigram index once: up to 10,001 matching ids are taken in one statement that counts them and,
 * when there are no more than 10,000, sorts the page from them by primary key instead of looking the term up again.
 * When the count is capped the page is read the usual way (its sort order finds the first matches soon).
 */
export async function listCustomersWithCount(scope: ListScope, query: ListQuery) {
  const exact = query.count === "exact";
  if (exact || !searchesTrigrams(query)) return { page: await listCustomers(scope, query), total: await countCustomers(scope, query, exact) };
  const { merchant } = scope;
  const read = readerOf(scope);
  // The page's first condition refers only to the count: PostgreSQL checks it once and reads no page when capped.
  const page = pageSql(query, Prisma.sql`found.matches <= ${COUNT_LIMIT} AND c.merchant_id = ${merchant.id}::uuid AND c.id = ANY (SELECT id FROM matches)`);
  const rows = await onTrigrams<RawRow & { matches: bigint }>(read, Prisma.sql`
    WITH matches AS MATERIALIZED (SELECT c.id FROM customers c WHERE ${filterSql(merchant.id, query, merchant.timezone)} LIMIT ${COUNT_LIMIT + 1}),
         found AS (SELECT count(*) AS matches FROM matches)
    SELECT found.matches, p.* FROM found LEFT JOIN LATERAL (${page.sql}) p ON true`);
  const matches = Number(rows[0]?.matches ?? 0);
  if (matches > COUNT_LIMIT) return { page: await listCustomers(scope, query), total: { count: COUNT_LIMIT, capped: true } };
  return { page: page.result(rows.filter((row) => row.id !== null)), total: { count: matches, capped: false } };
}

/** Ids matching the filters, in batches, for bulk actions and exports on "all matching". */
export async function* matchingIds(scope: ListScope, filters: ListFilters, batch = 1_000) {
  const { merchant } = scope;
  const read = readerOf(scope);
  let after = 0n;
  const where = filterSql(merchant.id, filters, merchant.timezone);
  for (;;) {
    const rows = await read<{ id: bigint }>(Prisma.sql`
      SELECT c.id FROM customers c WHERE ${where} AND c.id > ${after} ORDER BY c.id LIMIT ${batch}`);
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    after = rows[rows.length - 1]!.id;
  }
}
