import { Prisma, type CustomerGroup } from "~/generated/prisma/client";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { handOverAfterCommit } from "~/jobs/outbox.server";
import { deliveriesFor } from "~/modules/webhooks/webhooks.server";
import { withTenant } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { compileCriteria, criteriaFrom } from "./compile.server";
import { CriteriaSchema, shopClock, type Clock, type Criteria } from "./criteria";
import { evaluate, explain, type Reason } from "./evaluate";
import { loadFacts } from "./facts.server";

type Scope = Pick<TenantScope, "db" | "merchant">;

export function groupCriteria(group: Pick<CustomerGroup, "kind" | "criteria">): Criteria | null {
  if (group.kind === "manual" || !group.criteria) return null;
  const parsed = CriteriaSchema.safeParse(group.criteria);
  return parsed.success ? (parsed.data as Criteria) : null;
}


type ChangeSummary = { added: number; removed: number; deltas: Record<string, number> | null; jobs: bigint[] | null };

/**
 * The end both membership writers share, after their `added` and `removed` CTEs (group_id, customer_id,
 * criteria_version): the history rows, the webhook deliveries, and one summary row (ChangeSummary) with the
 * member-count change per group.
 */
function recordChanges(merchantId: string, reason: "criteria" | "recompute") {
  return Prisma.sql`history AS (
      INSERT INTO group_membership_events (merchant_id, group_id, customer_id, change, reason, criteria_version)
      SELECT ${merchantId}::uuid, group_id, customer_id, 'joined'::"MembershipChange", ${reason}::"MembershipReason", criteria_version FROM added
      UNION ALL
      SELECT ${merchantId}::uuid, group_id, customer_id, 'left'::"MembershipChange", ${reason}::"MembershipReason", criteria_version FROM removed
    ), changes AS (
      SELECT group_id, customer_id, 'customer.group.joined' AS event, ${reason}::text AS reason, criteria_version FROM added
      UNION ALL
      SELECT group_id, customer_id, 'customer.group.left', ${reason}::text, criteria_version FROM removed
    ), ${deliveriesFor(merchantId, Prisma.sql`changes`)}, deltas AS (
      SELECT group_id, sum(CASE WHEN event = 'customer.group.joined' THEN 1 ELSE -1 END)::int AS delta FROM changes GROUP BY group_id
    )
    SELECT (SELECT count(*) FROM added)::int AS added, (SELECT count(*) FROM removed)::int AS removed,
           (SELECT json_object_agg(group_id, delta) FROM deltas) AS deltas,
           (SELECT array_agg(id) FROM delivery_jobs) AS jobs`;
}

/**
 * Brings the criteria members of the given groups up to date over the id range (from, to] with one set-based
 * statement per 63 groups: a single scan of the customers evaluates every group into one bitmask per customer,
 * the present memberships and exclusions are folded into masks the same way, and only customers whose masks differ
 * are unnested into inserts, deletes, history and webhook deliveries. Manual members and exclusions are left as
 * staff set them; member counts move by the difference. Returns what it changed.
 */
export async function recomputeRange(
  scope: Scope,
  groups: CustomerGroup[],
  range: { from: bigint; to: bigint },
  options: { clock?: Clock; reason?: "criteria" | "recompute" } = {},
) {
  const clock = options.clock ?? shopClock(scope.merchant.timezone);
  const evaluated = groups.flatMap((group) => {
    const criteria = groupCriteria(group);
    return criteria ? [{ group, matches: compileCriteria(criteria.root, clock) }] : [];
  });
  const deltas = new Map<string, number>();
  let total = { added: 0, removed: 0 };
  for (let i = 0; i < evaluated.length; i += MASK_BITS) {
    const changed = await recomputeMasks(scope, evaluated.slice(i, i + MASK_BITS), range, options.reason ?? "recompute");
    total = { added: total.added + changed.added, removed: total.removed + changed.removed };
    for (const [id, delta] of Object.entries(changed.deltas)) deltas.set(id, delta);
  }
  await applyCounts(scope, deltas);
  return total;
}

// Bits of a signed bigint that a mask can use without touching the sign.
const MASK_BITS = 63;

async function recomputeMasks(
  { db, merchant }: Scope,
  evaluated: Array<{ group: CustomerGroup; matches: Prisma.Sql }>,
  range: { from: bigint; to: bigint },
  reason: "criteria" | "recompute",
) {
  const bits = evaluated.map((e, i) => ({ ...e, bit: 1n << BigInt(i) }));
  const groupRows = Prisma.join(bits.map((b) => Prisma.sql`(${b.group.id}::uuid, ${b.bit}::bigint, ${b.group.criteriaVersion}::int)`));
  const mask = Prisma.join(bits.map((b) => Prisma.sql`CASE WHEN ${b.matches} THEN ${b.bit}::bigint ELSE 0::bigint END`), " | ");
  const ids = bits.map((b) => b.group.id);
  // The planner cannot estimate the masks, so it would JIT-compile a statement that runs in well under a second,
  // and sort the present memberships on disk with the default work_mem.
  await db.$executeRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`;
  const [row] = await db.$queryRaw<[ChangeSummary]>`
    WITH g(group_id, bit, version) AS (VALUES ${groupRows}),
    wanted AS (
      SELECT c.id AS customer_id, ${mask} AS mask FROM ${criteriaFrom}
       WHERE c.merchant_id = ${merchant.id}::uuid AND c.id > ${range.from} AND c.id <= ${range.to}
         AND s.customer_id > ${range.from} AND s.customer_id <= ${range.to}
    ), present AS (
      SELECT r.customer_id,
             coalesce(bit_or(g.bit) FILTER (WHERE r.kind = 'criteria'), 0) AS criteria,
             coalesce(bit_or(g.bit) FILTER (WHERE r.kind <> 'excluded'), 0) AS taken,
             coalesce(bit_or(g.bit) FILTER (WHERE r.kind = 'excluded'), 0) AS excluded
        FROM (SELECT m.customer_id, m.group_id, m.source::text AS kind FROM group_members m
               WHERE m.merchant_id = ${merchant.id}::uuid AND m.group_id = ANY (${ids}::uuid[])
                 AND m.customer_id > ${range.from} AND m.customer_id <= ${range.to}
              UNION ALL
              SELECT x.customer_id, x.group_id, 'excluded' FROM group_exclusions x
               WHERE x.merchant_id = ${merchant.id}::uuid AND x.group_id = ANY (${ids}::uuid[])
                 AND x.customer_id > ${range.from} AND x.customer_id <= ${range.to}) r
        JOIN g ON g.group_id = r.group_id
       GROUP BY r.customer_id
    ), diff AS (
      -- target: the criteria memberships wanted; joins are wanted and not held in any way, leaves are held by
      -- criteria and no longer wanted. Customers whose masks agree produce no row at all.
      SELECT customer_id, target, (target & ~taken) | (criteria & ~target) AS flips
        FROM (SELECT coalesce(w.customer_id, p.customer_id) AS customer_id, coalesce(w.mask, 0) & ~coalesce(p.excluded, 0) AS target,
                     coalesce(p.criteria, 0) AS criteria, coalesce(p.taken, 0) AS taken
                FROM wanted w FULL JOIN present p ON p.customer_id = w.customer_id) t
       WHERE (target & ~taken) | (criteria & ~target) <> 0
    ), changed AS (
      SELECT d.customer_id, g.group_id, g.version, d.target & g.bit <> 0 AS wanted
        FROM diff d JOIN g ON d.flips & g.bit <> 0
    ), added AS (
      INSERT INTO group_members (merchant_id, group_id, customer_id, source, criteria_version)
      SELECT ${merchant.id}::uuid, x.group_id, x.customer_id, 'criteria'::"MembershipSource", x.version FROM changed x WHERE x.wanted
      ON CONFLICT DO NOTHING
      RETURNING group_id, customer_id, criteria_version
    ), removed AS (
      -- The customer id array makes the planner fetch the few leaving rows by index instead of hashing the range.
      DELETE FROM group_members m USING changed x
       WHERE NOT x.wanted AND m.merchant_id = ${merchant.id}::uuid AND m.group_id = x.group_id AND m.customer_id = x.customer_id AND m.source = 'criteria'
         AND m.customer_id = ANY (ARRAY(SELECT customer_id FROM changed WHERE NOT wanted))
      RETURNING m.group_id, m.customer_id, m.criteria_version
    ), ${recordChanges(merchant.id, reason)}`;
  handOverAfterCommit(db, row.jobs ?? []);
  return { added: row.added, removed: row.removed, deltas: row.deltas ?? {} };
}

/** Starts (or restarts) a full recompute of a group: the progress row the worker resumes from. */
export async function createRecompute({ db, merchant }: Scope, group: CustomerGroup, reason: "criteria" | "recompute") {
  // A newer recompute supersedes any running one for the same group.
  await db.groupRecompute.updateMany({
    where: { merchantId: merchant.id, groupId: group.id, status: "running" },
    data: { status: "failed", error: "superseded", finishedAt: new Date() },
  });
  const [bounds] = await db.$queryRaw<[{ max: bigint | null; total: bigint }]>`
    SELECT max(id) AS max, count(*) AS total FROM customers WHERE merchant_id = ${merchant.id}::uuid`;
  return db.groupRecompute.create({
    data: { merchantId: merchant.id, groupId: group.id, criteriaVersion: group.criteriaVersion, reason, maxId: bounds.max ?? 0n, total: Number(bounds.total) },
  });
}

/**
 * Runs a recompute to the end, one batch per transaction. Each batch commits its membership changes together with
 * the advanced cursor, so a worker killed at any point resumes exactly where the last commit left it.
 */
export async function runRecompute(merchantId: string, recomputeId: string, onProgress?: (done: number, total: number) => Promise<void>) {
  for (;;) {
    const step = await withTenant(
      merchantId,
      async (db) => {
        const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId } });
        const job = await db.groupRecompute.findFirst({ where: { merchantId, id: recomputeId } });
        if (!job || job.status !== "running") return { finished: true as const, job };
        const group = await db.customerGroup.findFirst({ where: { merchantId, id: job.groupId } });
        if (!group || group.criteriaVersion !== job.criteriaVersion) {
          await db.groupRecompute.update({ where: { merchantId_id: { merchantId, id: recomputeId } }, data: { status: "failed", error: "superseded", finishedAt: new Date() } });
          return { finished: true as const, job };
        }
        // Customers created after the start are evaluated incrementally; they are included anyway when in range.
        const from = job.cursor;
        const batch = BigInt(env.RECOMPUTE_BATCH_SIZE);
        const to = from + batch >= job.maxId ? job.maxId : from + batch;
        const changed = from < to ? await recomputeRange({ db, merchant }, [group], { from, to }, { reason: job.reason === "criteria" ? "criteria" : "recompute" }) : { added: 0, removed: 0 };
        const [{ count }] = await db.$queryRaw<[{ count: bigint }]>`
          SELECT count(*) FROM customers WHERE merchant_id = ${merchantId}::uuid AND id > ${from} AND id <= ${to}`;
        const finished = to >= job.maxId;
        const updated = await db.groupRecompute.update({
          where: { merchantId_id: { merchantId, id: recomputeId } },
          data: {
            cursor: to,
            done: { increment: Number(count) },
            added: { increment: changed.added },
            removed: { increment: changed.removed },
            ...(finished ? { status: "done" as const, finishedAt: new Date() } : {}),
          },
        });
        return { finished, job: updated };
      },
      { timeout: 120_000 },
    );
    if (step.job) await onProgress?.(step.job.done, step.job.total);
    if (step.finished) return step.job;
  }
}

/**
 * The incremental path: re-evaluates every automatic group for a batch of customers in the application, then writes
 * only the memberships that change, all in one statement (joins, leaves, history, webhook deliveries).
 */
export async function evaluateCustomers(scope: Scope, customerIds: bigint[], clock = shopClock(scope.merchant.timezone)) {
  const { db, merchant } = scope;
  const groups = await db.customerGroup.findMany({ where: { merchantId: merchant.id, kind: { in: ["automatic", "hybrid"] } }, orderBy: { id: "asc" } });
  if (groups.length === 0 || customerIds.length === 0) return { added: 0, removed: 0 };
  const facts = await loadFacts(scope, customerIds);
  const current = await db.groupMember.findMany({ where: { merchantId: merchant.id, customerId: { in: customerIds } }, select: { groupId: true, customerId: true, source: true } });
  const excluded = await db.groupExclusion.findMany({ where: { merchantId: merchant.id, customerId: { in: customerIds } }, select: { groupId: true, customerId: true } });
  const key = (g: string, c: bigint) => `${g}:${c}`;
  const members = new Map(current.map((m) => [key(m.groupId, m.customerId), m.source]));
  const exclusions = new Set(excluded.map((x) => key(x.groupId, x.customerId)));
  const joins = { groups: [] as string[], customers: [] as bigint[], versions: [] as number[] };
  const leaves = { groups: [] as string[], customers: [] as bigint[], versions: [] as number[] };
  for (const group of groups) {
    const criteria = groupCriteria(group);
    for (const customerId of customerIds) {
      const customerFacts = facts.get(customerId);
      const source = members.get(key(group.id, customerId));
      const wanted = Boolean(customerFacts && criteria && evaluate(criteria.root, customerFacts, clock)) && !exclusions.has(key(group.id, customerId));
      const change = wanted && !source ? joins : !wanted && source === "criteria" ? leaves : null;
      change?.groups.push(group.id);
      change?.customers.push(customerId);
      change?.versions.push(group.criteriaVersion);
    }
  }
  if (joins.groups.length === 0 && leaves.groups.length === 0) return { added: 0, removed: 0 };
  // ON CONFLICT and the source check make a concurrent or repeated evaluation write nothing twice.
  const [row] = await db.$queryRaw<[ChangeSummary]>`
    WITH added AS (
      INSERT INTO group_members (merchant_id, group_id, customer_id, source, criteria_version)
      SELECT ${merchant.id}::uuid, j.group_id, j.customer_id, 'criteria'::"MembershipSource", j.version
        FROM unnest(${joins.groups}::uuid[], ${joins.customers}::bigint[], ${joins.versions}::int[]) AS j(group_id, customer_id, version)
      ON CONFLICT DO NOTHING
      RETURNING group_id, customer_id, criteria_version
    ), removed AS (
      DELETE FROM group_members m
       USING unnest(${leaves.groups}::uuid[], ${leaves.customers}::bigint[], ${leaves.versions}::int[]) AS l(group_id, customer_id, version)
       WHERE m.merchant_id = ${merchant.id}::uuid AND m.group_id = l.group_id AND m.customer_id = l.customer_id AND m.source = 'criteria'
      RETURNING m.group_id, m.customer_id, l.version AS criteria_version
    ), ${recordChanges(merchant.id, "criteria")}`;
  handOverAfterCommit(db, row.jobs ?? []);
  await applyCounts(scope, new Map(Object.entries(row.deltas ?? {})));
  return { added: row.added, removed: row.removed };
}

/**
 * Member counts change last, one group at a time in id order: concurrent evaluations then take the groups' row
 * locks in the same order and cannot deadlock, and hold them only until their commit.
 */
async function applyCounts({ db, merchant }: Scope, deltas: Map<string, number>) {
  for (const id of [...deltas.keys()].sort()) {
    const delta = deltas.get(id)!;
    if (delta !== 0) await db.customerGroup.update({ where: { merchantId_id: { merchantId: merchant.id, id } }, data: { memberCount: { increment: delta } } });
  }
}

async function notify({ db, merchant }: Scope, group: CustomerGroup, customerId: bigint, event: "customer.group.joined" | "customer.group.left", reason: string) {
  const [row] = await db.$queryRaw<[{ jobs: bigint[] | null }]>`
    WITH changes AS (
      SELECT ${group.id}::uuid AS group_id, ${customerId}::bigint AS customer_id, ${event}::text AS event, ${reason}::text AS reason, ${group.criteriaVersion}::int AS criteria_version
    ), ${deliveriesFor(merchant.id, Prisma.sql`changes`)}
    SELECT (SELECT array_agg(id) FROM delivery_jobs) AS jobs`;
  handOverAfterCommit(db, row.jobs ?? []);
}

async function join({ db, merchant }: Scope, group: CustomerGroup, customerId: bigint, reason: "criteria" | "manual", actor: string | null = null) {
  const inserted = await db.$executeRaw`
    INSERT INTO group_members (merchant_id, group_id, customer_id, source, criteria_version, added_by)
    VALUES (${merchant.id}::uuid, ${group.id}::uuid, ${customerId}, ${reason}::"MembershipSource", ${reason === "criteria" ? group.criteriaVersion : null}, ${actor})
    ON CONFLICT DO NOTHING`;
  if (inserted === 0) return false;
  await db.groupMembershipEvent.create({
    data: { merchantId: merchant.id, groupId: group.id, customerId, change: "joined", reason, criteriaVersion: reason === "criteria" ? group.criteriaVersion : null, actor },
  });
  await notify({ db, merchant }, group, customerId, "customer.group.joined", reason);
  return true;
}

async function leave({ db, merchant }: Scope, group: CustomerGroup, customerId: bigint, reason: "criteria" | "manual", actor: string | null = null) {
  const { count } = await db.groupMember.deleteMany({ where: { merchantId: merchant.id, groupId: group.id, customerId } });
  if (count === 0) return false;
  await db.groupMembershipEvent.create({
    data: { merchantId: merchant.id, groupId: group.id, customerId, change: "left", reason, criteriaVersion: reason === "criteria" ? group.criteriaVersion : null, actor },
  });
  await notify({ db, merchant }, group, customerId, "customer.group.left", reason);
  return true;
}

export type ManualResult = { ok: true; changed: boolean } | { ok: false; error: "notFound" | "automaticGroup" };

/** Staff add a customer by hand to a manual or hybrid group (lifting any exclusion). */
export async function addToGroup(scope: TenantScope, groupId: string, customerIds: bigint[]): Promise<ManualResult> {
  const { db, merchant, actor } = scope;
  const group = await db.customerGroup.findFirst({ where: { merchantId: merchant.id, id: groupId } });
  if (!group) return { ok: false, error: "notFound" };
  if (group.kind === "automatic") return { ok: false, error: "automaticGroup" };
  const existing = await db.customer.findMany({ where: { merchantId: merchant.id, id: { in: customerIds } }, select: { id: true } });
  let changed = false;
  let joined = 0;
  for (const { id } of existing) {
    await db.groupExclusion.deleteMany({ where: { merchantId: merchant.id, groupId, customerId: id } });
    // A criteria member becomes a manual one, so a later recompute keeps it.
    const promoted = await db.groupMember.updateMany({ where: { merchantId: merchant.id, groupId, customerId: id, source: "criteria" }, data: { source: "manual", addedBy: actor.name } });
    const added = await join(scope, group, id, "manual", actor.name);
    if (added) joined += 1;
    changed = added || promoted.count > 0 || changed;
  }
  await applyCounts(scope, new Map([[groupId, joined]]));
  return { ok: true, changed };
}

/** Staff remove a customer by hand; in a hybrid group the removal sticks (an exclusion) until they add it again. */
export async function removeFromGroup(scope: TenantScope, groupId: string, customerIds: bigint[]): Promise<ManualResult> {
  const { db, merchant, actor } = scope;
  const group = await db.customerGroup.findFirst({ where: { merchantId: merchant.id, id: groupId } });
  if (!group) return { ok: false, error: "notFound" };
  if (group.kind === "automatic") return { ok: false, error: "automaticGroup" };
  let changed = false;
  let left = 0;
  for (const customerId of customerIds) {
    if (group.kind === "hybrid") {
      await db.groupExclusion.upsert({
        where: { merchantId_groupId_customerId: { merchantId: merchant.id, groupId, customerId } },
        create: { merchantId: merchant.id, groupId, customerId, addedBy: actor.name },
        update: {},
      });
    }
    if (await leave(scope, group, customerId, "manual", actor.name)) {
      left += 1;
      changed = true;
    }
  }
  await applyCounts(scope, new Map([[groupId, -left]]));
  return { ok: true, changed };
}

export interface MembershipExplanation {
  groupId: string;
  source: "criteria" | "manual";
  addedBy: string | null;
  addedAt: string;
  reasons: Reason[];
}

/** "Why is this customer here?": the conditions and actual values for criteria members, who and when for manual ones. */
export async function explainMemberships(scope: Scope, customerId: bigint, clock = shopClock(scope.merchant.timezone)): Promise<MembershipExplanation[]> {
  const { db, merchant } = scope;
  const memberships = await db.groupMember.findMany({ where: { merchantId: merchant.id, customerId }, include: { group: true } });
  const facts = (await loadFacts(scope, [customerId])).get(customerId);
  return memberships.map((m) => {
    const criteria = groupCriteria(m.group);
    return {
      groupId: m.groupId,
      source: m.source,
      addedBy: m.addedBy,
      addedAt: m.addedAt.toISOString(),
      reasons: m.source === "criteria" && criteria && facts ? explain(criteria.root, facts, clock) : [],
    };
  });
}

export const PREVIEW_SAMPLE = 10;

/** The live preview while editing: how many customers match now, and the first few, before anything is saved. */
export async function previewCriteria({ db, merchant }: Scope, criteria: Criteria, clock = shopClock(merchant.timezone)) {
  const where = Prisma.sql`c.merchant_id = ${merchant.id}::uuid AND ${compileCriteria(criteria.root, clock)}`;
  const [{ count }] = await db.$queryRaw<[{ count: bigint }]>`SELECT count(*) AS count FROM ${criteriaFrom} WHERE ${where}`;
  const sample = await db.$queryRaw<Array<{ id: bigint; first_name: string; last_name: string; email: string; locale: string | null }>>`
    SELECT c.id, c.first_name, c.last_name, c.email, c.locale FROM ${criteriaFrom} WHERE ${where} ORDER BY c.id DESC LIMIT ${PREVIEW_SAMPLE}`;
  return {
    count: Number(count),
    sample: sample.map((r) => ({ id: r.id.toString(), name: `${r.first_name} ${r.last_name}`, email: r.email, locale: r.locale })),
  };
}

/** A customer's groups in precedence order, and the default group by the rule of decision 006. */
export async function customerGroups({ db, merchant }: Scope, customerId: bigint) {
  const customer = await db.customer.findFirst({ where: { merchantId: merchant.id, id: customerId }, select: { pinnedGroupId: true } });
  if (!customer) return null;
  const memberships = await db.groupMember.findMany({
    where: { merchantId: merchant.id, customerId },
    include: { group: true },
    orderBy: [{ group: { sortOrder: "asc" } }, { group: { createdAt: "asc" } }],
  });
  const shopDefault = await db.customerGroup.findFirst({ where: { merchantId: merchant.id, isDefault: true }, select: { id: true } });
  const defaultGroupId = customer.pinnedGroupId ?? memberships[0]?.groupId ?? shopDefault?.id ?? null;
  return { memberships, defaultGroupId, pinned: customer.pinnedGroupId !== null };
}

/**
 * Reconciles every automatic group of a shop, batch by batch (each batch its own transaction, so a retry only
 * redoes what did not commit). Batches cover disjoint customers, so RECOMPUTE_PARALLEL of them run at once.
 */
export async function reconcileShop(merchantId: string, onBatch?: (done: bigint, max: bigint) => Promise<void>) {
  const { groups, maxId, merchant } = await withTenant(merchantId, async (db) => ({
    merchant: await db.merchant.findUniqueOrThrow({ where: { id: merchantId } }),
    groups: await db.customerGroup.findMany({ where: { merchantId, kind: { in: ["automatic", "hybrid"] } } }),
    maxId: (await db.$queryRaw<[{ max: bigint | null }]>`SELECT max(id) AS max FROM customers WHERE merchant_id = ${merchantId}::uuid`)[0].max ?? 0n,
  }));
  const clock = shopClock(merchant.timezone);
  const batch = BigInt(env.RECOMPUTE_BATCH_SIZE);
  const ranges: Array<{ from: bigint; to: bigint }> = [];
  for (let from = 0n; from < maxId; from += batch) ranges.push({ from, to: from + batch > maxId ? maxId : from + batch });
  let total = { added: 0, removed: 0 };
  let done = 0n;
  let next = 0;
  const lane = async () => {
    for (let range = ranges[next++]; range; range = ranges[next++]) {
      const changed = await withTenant(merchantId, (db) => recomputeRange({ db, merchant }, groups, range!, { clock }), { timeout: 120_000 }).catch((error) => {
        next = ranges.length;
        throw error;
      });
      total = { added: total.added + changed.added, removed: total.removed + changed.removed };
      done += range.to - range.from;
      await onBatch?.(done, maxId);
    }
  };
  await Promise.all(Array.from({ length: env.RECOMPUTE_PARALLEL }, lane));
  return total;
}
