import { ZodError, type ZodIssue } from "zod";
import { z } from "~/modules/validation/messages";
import { CriteriaSchema, type Criteria } from "~/modules/groups/criteria";
import { criteriaSchemaFor } from "~/modules/groups/custom-criteria";
import { createGroup, criteriaFields, deleteGroup, getGroup, groupSchemaFor, listGroups, updateGroup } from "~/modules/groups/groups.server";
import { addToGroup, customerGroups, explainMemberships, previewCriteria, removeFromGroup } from "~/modules/groups/membership.server";
import { PAGE_SIZES } from "~/modules/customers/list-query";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import type { CustomerGroup, GroupRecompute } from "~/generated/prisma/client";
import { PatchBody } from "./customers.server";
import { API_BASE, ApiError, created, idParam, noContent, notFound, ok, readJson, uuidParam, type ApiRouteContext } from "./handler.server";
import { customerMembership, groupMemberResource, groupResource } from "./serialize";

const MAX_ID = 2n ** 63n - 1n;

export const groupIdParam = (params: Record<string, string | undefined>) => uuidParam(params);

/** `?after=` (the `next` of the previous page) and `?size=`, checked strictly: a program should hear about a typo. */
export const MembersQuery = z.object({
  size: z.coerce
    .number()
    .pipe(z.union([z.literal(PAGE_SIZES[0]), z.literal(PAGE_SIZES[1]), z.literal(PAGE_SIZES[2])]))
    .default(50),
  after: z.string().regex(/^\d{1,18}$/).optional(),
});

export const MembersBody = z.object({ customerIds: z.array(z.coerce.bigint()).min(1).max(500) });

export const PreviewBody = z.object({ criteria: CriteriaSchema });

const groupPath = (id: string) => `${API_BASE}/groups/${id}`;

async function requireGroup(scope: TenantScope, id: string) {
  const group = await getGroup(scope, id);
  if (!group) notFound();
  return group;
}

/** The latest recompute of each of the given groups. */
async function latestRecomputes({ db, merchant }: TenantScope, groupIds: string[]) {
  const rows = await db.groupRecompute.findMany({
    where: { merchantId: merchant.id, groupId: { in: groupIds } },
    orderBy: [{ groupId: "asc" }, { startedAt: "desc" }, { id: "desc" }],
    distinct: ["groupId"],
  });
  return new Map(rows.map((r) => [r.groupId, r]));
}

async function groupBody(scope: TenantScope, group: CustomerGroup, recompute?: GroupRecompute | null) {
  const latest = recompute ?? (await latestRecomputes(scope, [group.id])).get(group.id) ?? null;
  return groupResource(group, latest);
}

/** The stored group as groupSchema's input, so a PATCH is validated exactly like a POST. */
function groupInput(g: CustomerGroup): Record<string, unknown> {
  return {
    name: g.name,
    description: g.description,
    color: g.color,
    sortOrder: g.sortOrder,
    kind: g.kind,
    criteria: g.criteria ?? undefined,
    needsApproval: g.needsApproval,
    selectableAtSignup: g.selectableAtSignup,
    isDefault: g.isDefault,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Top-level fields replace the stored ones (null clears an optional one); name and description merge per language. */
function mergeGroup(current: CustomerGroup, body: unknown) {
  const patch = PatchBody.parse(body);
  const merged = groupInput(current);
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) merged[field] = undefined;
    else if ((field === "name" || field === "description") && isObject(value) && isObject(merged[field])) merged[field] = { ...merged[field], ...value };
    else merged[field] = value;
  }
  return merged;
}

/** Every customer id must name a customer of this shop (422 at customerIds.<index> otherwise). */
async function requireCustomers({ db, merchant }: TenantScope, customerIds: bigint[]) {
  const storable = customerIds.filter((id) => id >= 1n && id <= MAX_ID);
  const found = await db.customer.findMany({ where: { merchantId: merchant.id, id: { in: storable } }, select: { id: true } });
  const known = new Set(found.map((c) => c.id));
  const issues: ZodIssue[] = customerIds.flatMap((id, i) => (known.has(id) ? [] : [{ code: "custom" as const, path: ["customerIds", i], message: "api:errors.customerNotFound" }]));
  if (issues.length > 0) throw new ZodError(issues);
  return [...new Set(customerIds)];
}

/** Manual changes to the members of a manual or hybrid group: 404 / 409 automatic_group / 422, in that order. */
async function changeMembers(ctx: ApiRouteContext, change: typeof addToGroup) {
  const { scope, params, request } = ctx;
  const group = await requireGroup(scope, groupIdParam(params));
  if (group.kind === "automatic") throw new ApiError(409, "automatic_group");
  // The handler reads bodies of POST, PUT and PATCH only; this DELETE carries one too.
  const body = request.method === "DELETE" ? await readJson(request) : ctx.body;
  const customerIds = await requireCustomers(scope, MembersBody.parse(body).customerIds);
  const result = await change(scope, group.id, customerIds);
  if (!result.ok) {
    if (result.error === "automaticGroup") throw new ApiError(409, "automatic_group");
    notFound();
  }
  const { memberCount } = await requireGroup(scope, group.id);
  return ok({ changed: result.changed, memberCount });
}

export const groups = {
  async list({ scope }: ApiRouteContext) {
    const all = await listGroups(scope);
    const recomputes = await latestRecomputes(scope, all.map((g) => g.id));
    return ok({ data: all.map((g) => groupResource(g, recomputes.get(g.id) ?? null)) });
  },

  async get({ scope, params }: ApiRouteContext) {
    return ok(await groupBody(scope, await requireGroup(scope, groupIdParam(params))));
  },

  async create({ scope, body }: ApiRouteContext) {
    const input = (await groupSchemaFor(scope)).parse(body);
    const { group, recompute } = await createGroup(scope, input);
    return created(await groupBody(scope, group, recompute), groupPath(group.id));
  },

  async update({ scope, params, body }: ApiRouteContext) {
    const current = await requireGroup(scope, groupIdParam(params));
    const input = (await groupSchemaFor(scope)).parse(mergeGroup(current, body));
    const result = await updateGroup(scope, current.id, input);
    if (!result) notFound();
    return ok(await groupBody(scope, result.group, result.recompute));
  },

  async remove({ scope, params }: ApiRouteContext) {
    if (!(await deleteGroup(scope, groupIdParam(params)))) notFound();
    return noContent();
  },

  async customers({ scope, params, url }: ApiRouteContext) {
    const group = await requireGroup(scope, groupIdParam(params));
    const { size, after } = MembersQuery.parse(Object.fromEntries(url.searchParams));
    const rows = await scope.db.groupMember.findMany({
      where: { merchantId: scope.merchant.id, groupId: group.id, ...(after ? { customerId: { gt: BigInt(after) } } : {}) },
      orderBy: { customerId: "asc" },
      take: size + 1,
      include: { customer: { select: { firstName: true, lastName: true, email: true } } },
    });
    const page = rows.slice(0, size);
    return ok({ data: page.map(groupMemberResource), next: rows.length > size ? page[page.length - 1]!.customerId.toString() : null });
  },

  addMembers: (ctx: ApiRouteContext) => changeMembers(ctx, addToGroup),
  removeMembers: (ctx: ApiRouteContext) => changeMembers(ctx, removeFromGroup),

  async preview({ scope, body }: ApiRouteContext) {
    PreviewBody.parse(body);
    // The documented shape first, then custom-field conditions against this shop's fields.
    const { criteria } = z.object({ criteria: criteriaSchemaFor(await criteriaFields(scope)) }).parse(body);
    return ok(await previewCriteria(scope, criteria as Criteria));
  },

  /** A customer's groups in precedence order, why they are in each, and the default group (decision 006). */
  async ofCustomer({ scope, params }: ApiRouteContext) {
    const customerId = idParam(params);
    const result = await customerGroups(scope, customerId);
    if (!result) notFound();
    const explanations = new Map((await explainMemberships(scope, customerId)).map((e) => [e.groupId, e]));
    return ok({
      data: result.memberships.flatMap((m) => {
        const why = explanations.get(m.groupId);
        return why ? [customerMembership(m.group, why)] : [];
      }),
      defaultGroupId: result.defaultGroupId,
      pinned: result.pinned,
    });
  },
};
