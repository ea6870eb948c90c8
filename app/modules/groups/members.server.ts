import type { CustomerGroup, GroupRecompute } from "~/generated/prisma/client";
import { recordActivity } from "~/modules/activity/record-activity.server";
import { pgCode } from "~/modules/customers/errors.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { addDays, shopClock, startOfLocalDay, type Clock, type Criteria } from "./criteria";
import { explain, type Reason } from "./evaluate";
import { loadFacts } from "./facts.server";
import { groupCriteria, previewCriteria } from "./membership.server";

type Scope = Pick<TenantScope, "db" | "merchant">;

export const MEMBERS_PAGE = 50;
export const HISTORY_LIMIT = 50;
export const SIZE_DAYS = 90;
export const PREVIEW_TIMEOUT_MS = 8_000;

/**
 * The builder's live preview (previewCriteria), bounded: on a very large shop a count that takes longer than the
 * timeout gives up (timedOut) instead of piling up behind the next keystroke's preview.
 */
export async function previewWithin(scope: Scope, criteria: Criteria, timeoutMs = PREVIEW_TIMEOUT_MS) {
  const { db } = scope;
  await db.$executeRaw`SAVEPOINT preview`;
  await db.$queryRaw`SELECT set_config('statement_timeout', ${String(Math.round(timeoutMs))}, true)`;
  try {
    const result = await previewCriteria(scope, criteria);
    await db.$executeRaw`RELEASE SAVEPOINT preview`;
    return { timedOut: false as const, ...result };
  } catch (error) {
    await db.$executeRaw`ROLLBACK TO SAVEPOINT preview`;
    if (pgCode(error) === "57014") return { timedOut: true as const };
    throw error;
  }
}

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  locale: string | null;
  source: "criteria" | "manual";
  addedBy: string | null;
  addedAt: string;
  criteriaVersion: number | null;
  /** For criteria members: the conditions that hold, with the customer's values (explain()). */
  reasons: Reason[];
}

/** One page of a group's members by customer id (keyset: `after` is the last id of the previous page), each with why. */
export async function listMembers(scope: Scope, group: CustomerGroup, options: { after?: bigint | null; limit?: number; clock?: Clock } = {}) {
  const { db, merchant } = scope;
  const limit = options.limit ?? MEMBERS_PAGE;
  const rows = await db.groupMember.findMany({
    where: { merchantId: merchant.id, groupId: group.id, ...(options.after != null ? { customerId: { gt: options.after } } : {}) },
    orderBy: { customerId: "asc" },
    take: limit + 1,
    include: { customer: { select: { firstName: true, lastName: true, email: true, locale: true } } },
  });
  const page = rows.slice(0, limit);
  const criteria = groupCriteria(group);
  const fromCriteria = page.filter((m) => m.source === "criteria").map((m) => m.customerId);
  const facts = criteria && fromCriteria.length > 0 ? await loadFacts(scope, fromCriteria) : new Map();
  const clock = options.clock ?? shopClock(merchant.timezone);
  const members: MemberRow[] = page.map((m) => {
    const customerFacts = m.source === "criteria" ? facts.get(m.customerId) : undefined;
    return {
      id: m.customerId.toString(),
      name: `${m.customer.firstName} ${m.customer.lastName}`,
      email: m.customer.email,
      locale: m.customer.locale,
      source: m.source,
      addedBy: m.addedBy,
      addedAt: m.addedAt.toISOString(),
      criteriaVersion: m.criteriaVersion,
      reasons: criteria && customerFacts ? explain(criteria.root, customerFacts, clock) : [],
    };
  });
  return { members, next: rows.length > limit ? page[page.length - 1]!.customerId.toString() : null };
}

/** The latest joins and leaves of a group, newest first, with the customer's name while the customer exists. */
export async function membershipHistory({ db, merchant }: Scope, groupId: string, limit = HISTORY_LIMIT) {
  const events = await db.groupMembershipEvent.findMany({
    where: { merchantId: merchant.id, groupId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  const customers = await db.customer.findMany({
    where: { merchantId: merchant.id, id: { in: [...new Set(events.map((e) => e.customerId))] } },
    select: { id: true, firstName: true, lastName: true, locale: true },
  });
  const byId = new Map(customers.map((c) => [c.id, c]));
  return events.map((e) => {
    const customer = byId.get(e.customerId);
    return {
      id: e.id.toString(),
      customerId: e.customerId.toString(),
      customerName: customer ? `${customer.firstName} ${customer.lastName}` : null,
      customerLocale: customer?.locale ?? null,
      change: e.change,
      reason: e.reason,
      criteriaVersion: e.criteriaVersion,
      actor: e.actor,
      at: e.at.toISOString(),
    };
  });
}

/**
 * A group's size at the end of each of the last `days` days of the shop's calendar: cumulative joins minus leaves
 * from the membership history, days cut at the shop's local midnight.
 */
export async function groupSizeOverTime({ db, merchant }: Scope, groupId: string, options: { days?: number; clock?: Clock } = {}) {
  const days = options.days ?? SIZE_DAYS;
  const clock = options.clock ?? shopClock(merchant.timezone);
  const first = addDays(clock.today, -(days - 1));
  const end = startOfLocalDay(addDays(clock.today, 1), clock.timeZone);
  const rows = await db.$queryRaw<Array<{ day: string; size: number }>>`
    WITH daily AS (
      SELECT (e.at AT TIME ZONE ${clock.timeZone})::date AS day,
             sum(CASE WHEN e.change = 'joined' THEN 1 ELSE -1 END)::int AS delta
        FROM group_membership_events e
       WHERE e.merchant_id = ${merchant.id}::uuid AND e.group_id = ${groupId}::uuid AND e.at < ${end}
       GROUP BY 1
    ), before AS (
      SELECT coalesce(sum(delta), 0)::int AS n FROM daily WHERE day < ${first}::date
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
           ((SELECT n FROM before) + sum(coalesce(x.delta, 0)) OVER (ORDER BY d.day))::int AS size
      FROM generate_series(${first}::date, ${clock.today}::date, interval '1 day') AS d(day)
      LEFT JOIN daily x ON x.day = d.day::date
     ORDER BY d.day`;
  return rows;
}

export function latestRecompute({ db, merchant }: Scope, groupId: string) {
  return db.groupRecompute.findFirst({ where: { merchantId: merchant.id, groupId }, orderBy: { startedAt: "desc" } });
}

/** The latest recompute of every group of the shop, by group id. */
export async function latestRecomputes({ db, merchant }: Scope) {
  const rows = await db.groupRecompute.findMany({
    where: { merchantId: merchant.id },
    orderBy: [{ groupId: "asc" }, { startedAt: "desc" }],
    distinct: ["groupId"],
  });
  return new Map<string, GroupRecompute>(rows.map((r) => [r.groupId, r]));
}

/**
 * Customers named by id or e-mail (as staff type them, separated by spaces, commas or new lines), and the entries that
 * name no customer of this shop.
 */
export async function findCustomersByIdOrEmail({ db, merchant }: Scope, text: string) {
  const entries = [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))].slice(0, 500);
  const ids = entries.filter((e) => /^\d{1,18}$/.test(e)).map(BigInt);
  const emails = entries.filter((e) => e.includes("@")).map((e) => e.toLowerCase());
  const found = await db.customer.findMany({
    where: { merchantId: merchant.id, OR: [{ id: { in: ids } }, { email: { in: emails } }] },
    select: { id: true, email: true },
  });
  const foundIds = new Set(found.map((c) => c.id.toString()));
  const foundEmails = new Set(found.map((c) => c.email.toLowerCase()));
  const missing = entries.filter((e) => !foundIds.has(e) && !foundEmails.has(e.toLowerCase()));
  return { ids: found.map((c) => c.id), missing };
}

export type PinResult = { ok: true } | { ok: false; error: "customerNotFound" | "groupNotFound" };

/** Pins a customer's default group (decision 006), or unpins it with null; only a group of the same shop. */
export async function pinDefaultGroup({ db, merchant, actor }: TenantScope, customerId: bigint, groupId: string | null): Promise<PinResult> {
  if (groupId !== null) {
    const group = await db.customerGroup.findFirst({ where: { merchantId: merchant.id, id: groupId }, select: { id: true } });
    if (!group) return { ok: false, error: "groupNotFound" };
  }
  const { count } = await db.customer.updateMany({ where: { merchantId: merchant.id, id: customerId }, data: { pinnedGroupId: groupId } });
  if (count !== 1) return { ok: false, error: "customerNotFound" };
  await recordActivity(db, { merchantId: merchant.id, actor, action: groupId ? "customer.group.pinned" : "customer.group.unpinned", subject: `#${customerId}` });
  return { ok: true };
}

/** A recompute as the dashboard shows it: progress while running, what changed when done. */
export function recomputeView(r: GroupRecompute | null | undefined) {
  if (!r) return null;
  return {
    status: r.status,
    done: r.done,
    total: r.total,
    added: r.added,
    removed: r.removed,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    superseded: r.error === "superseded",
  };
}

export type RecomputeView = NonNullable<ReturnType<typeof recomputeView>>;
