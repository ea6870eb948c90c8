import { Prisma } from "~/generated/prisma/client";
import { enqueueInTransaction } from "~/jobs/outbox.server";
import { recordActivity } from "~/modules/activity/record-activity.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { readerOf, type Reads } from "~/utils/db.server";
import { listFields } from "~/modules/custom-fields/custom-fields.server";
import { usableFields, type CriteriaField } from "./custom-criteria";
import { createRecompute } from "./membership.server";
import { groupSchema, type GroupInput } from "./schemas";

type Scope = Pick<TenantScope, "db" | "merchant">;

export function listGroups({ db, merchant }: Scope) {
  return db.customerGroup.findMany({ where: { merchantId: merchant.id }, orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] });
}

/** Names and colours of the shop's groups in display order, for labels (the customer list's group column). */
export function listGroupLabels(scope: Pick<TenantScope, "merchant"> & Reads) {
  return readerOf(scope)<{ id: string; name: Prisma.JsonValue; color: string }>(Prisma.sql`
    SELECT id::text AS id, name, color FROM customer_groups WHERE merchant_id = ${scope.merchant.id}::uuid ORDER BY sort_order, created_at`);
}

export function getGroup({ db, merchant }: Scope, id: string) {
  return db.customerGroup.findFirst({ where: { merchantId: merchant.id, id } });
}

/** The shop's fields criteria can use, as the builder, the explanations and the validators need them. */
export async function criteriaFields(scope: Scope): Promise<CriteriaField[]> {
  return usableFields(await listFields(scope, { location: "account" })).map(({ id, key, name, type, location, options }) => ({ id, key, name, type, location, options }));
}

/** The group schema with this shop's fields, for every place a group is saved (form, API). */
export async function groupSchemaFor(scope: Scope) {
  return groupSchema(scope.merchant.defaultLocale, await criteriaFields(scope));
}

async function clearOtherDefaults({ db, merchant }: Scope, keep: string | null) {
  await db.customerGroup.updateMany({ where: { merchantId: merchant.id, isDefault: true, ...(keep ? { id: { not: keep } } : {}) }, data: { isDefault: false } });
}

/** Queues a full recompute, in the caller's transaction (outbox), so a saved criteria change always gets applied. */
export async function queueRecompute(scope: Scope, group: Parameters<typeof createRecompute>[1], reason: "criteria" | "recompute") {
  const recompute = await createRecompute(scope, group, reason);
  await enqueueInTransaction(scope.db, "group-recompute", { merchantId: scope.merchant.id, recomputeId: recompute.id }, { jobId: `recompute-${recompute.id}` });
  return recompute;
}

export async function createGroup(scope: TenantScope, input: GroupInput) {
  const { db, merchant, actor } = scope;
  if (input.isDefault) await clearOtherDefaults(scope, null);
  const group = await db.customerGroup.create({
    data: {
      merchantId: merchant.id,
      ...input,
      criteria: input.criteria ?? Prisma.DbNull,
      criteriaVersion: input.criteria ? 1 : 0,
    },
  });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "group.created", subject: input.name[merchant.defaultLocale as "en"] ?? Object.values(input.name)[0] ?? "" });
  const recompute = input.kind !== "manual" ? await queueRecompute(scope, group, "criteria") : null;
  return { group, recompute };
}

/** JSON with every object's keys sorted: jsonb does not keep the order in which keys were written. */
function canonicalJson(value: unknown) {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

export async function updateGroup(scope: TenantScope, id: string, input: GroupInput) {
  const { db, merchant, actor } = scope;
  const current = await getGroup(scope, id);
  if (!current) return null;
  const criteriaChanged = canonicalJson(current.criteria ?? null) !== canonicalJson(input.criteria ?? null) || current.kind !== input.kind;
  if (input.isDefault && !current.isDefault) await clearOtherDefaults(scope, id);
  const group = await db.customerGroup.update({
    where: { merchantId_id: { merchantId: merchant.id, id } },
    data: {
      ...input,
      criteria: input.criteria ?? Prisma.DbNull,
      criteriaVersion: criteriaChanged ? { increment: 1 } : undefined,
    },
  });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "group.updated", subject: (group.name as Record<string, string>)[merchant.defaultLocale] ?? "" });
  // Turning a group manual keeps its members; a criteria change recomputes.
  const recompute = criteriaChanged && input.kind !== "manual" ? await queueRecompute(scope, group, "criteria") : null;
  return { group, recompute };
}

export async function deleteGroup(scope: TenantScope, id: string) {
  const { db, merchant, actor } = scope;
  const group = await getGroup(scope, id);
  if (!group) return false;
  await db.customer.updateMany({ where: { merchantId: merchant.id, pinnedGroupId: id }, data: { pinnedGroupId: null } });
  await db.customerGroup.delete({ where: { merchantId_id: { merchantId: merchant.id, id } } });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "group.deleted", subject: (group.name as Record<string, string>)[merchant.defaultLocale] ?? "" });
  return true;
}

/** Localized text of a group field, falling back to the shop's default language and then any language. */
export function localized(texts: unknown, lng: string, fallback: string) {
  const map = (texts ?? {}) as Record<string, string>;
  return map[lng] ?? map[fallback] ?? Object.values(map)[0] ?? "";
}
