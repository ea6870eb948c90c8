import { recordActivity } from "~/modules/activity/record-activity.server";
import { queueCustomerEvaluation } from "~/modules/groups/events.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import type { CustomerStatus, ApprovalState } from "~/generated/prisma/client";
import { saveCustomerAnswers } from "~/modules/custom-fields/answers.server";
import { listFields } from "~/modules/custom-fields/custom-fields.server";
import type { CustomValues } from "~/modules/custom-fields/values";
import type { CustomerInput } from "./schemas";
import { isUniqueViolation } from "./errors.server";

export type CustomerWriteResult = { ok: true; id: bigint } | { ok: false; field: "email"; error: "emailTaken" } | { ok: false; error: "notFound" };

function newsletterDate(newsletter: boolean, previous: { newsletter: boolean; newsletterAt: Date | null } | null) {
  if (!newsletter) return null;
  return previous?.newsletter ? previous.newsletterAt : new Date();
}

/** Custom field answers travel beside the record, validated by customFieldsSchema at the boundary. */
export type CustomerWrite = CustomerInput & { customFields?: CustomValues };

async function saveAnswers(scope: TenantScope, id: bigint, values: CustomValues | undefined) {
  if (!values || Object.keys(values).length === 0) return;
  const fields = await listFields(scope, { location: "account", enabledOnly: true });
  await saveCustomerAnswers(scope.db, scope.merchant.id, fields, id, values);
}

export async function createCustomer(scope: TenantScope, write: CustomerWrite, extra: { registrationIp?: string | null } = {}): Promise<CustomerWriteResult> {
  const { customFields, ...input } = write;
  const { db, merchant, actor } = scope;
  // A savepoint keeps a duplicate e-mail from aborting the caller's transaction.
  await db.$executeRaw`SAVEPOINT create_customer`;
  try {
    const customer = await db.customer.create({
      data: {
        merchantId: merchant.id,
        ...input,
        newsletterAt: newsletterDate(input.newsletter, null),
        registrationIp: extra.registrationIp ?? null,
      },
      select: { id: true },
    });
    await db.$executeRaw`RELEASE SAVEPOINT create_customer`;
    await saveAnswers(scope, customer.id, customFields);
    await recordActivity(db, { merchantId: merchant.id, actor, action: "customer.created", subject: `#${customer.id}` });
    await queueCustomerEvaluation(db, merchant.id, [customer.id]);
    return { ok: true, id: customer.id };
  } catch (error) {
    await db.$executeRaw`ROLLBACK TO SAVEPOINT create_customer`;
    if (isUniqueViolation(error)) return { ok: false, field: "email", error: "emailTaken" };
    throw error;
  }
}

export async function updateCustomer(scope: TenantScope, id: bigint, write: CustomerWrite): Promise<CustomerWriteResult> {
  const { db, merchant, actor } = scope;
  const { customFields, ...input } = write;
  const previous = await db.customer.findFirst({ where: { merchantId: merchant.id, id }, select: { newsletter: true, newsletterAt: true } });
  if (!previous) return { ok: false, error: "notFound" };
  await db.$executeRaw`SAVEPOINT update_customer`;
  try {
    await db.customer.update({
      where: { merchantId_id: { merchantId: merchant.id, id } },
      data: { ...input, newsletterAt: newsletterDate(input.newsletter, previous) },
    });
    await db.$executeRaw`RELEASE SAVEPOINT update_customer`;
  } catch (error) {
    await db.$executeRaw`ROLLBACK TO SAVEPOINT update_customer`;
    if (isUniqueViolation(error)) return { ok: false, field: "email", error: "emailTaken" };
    throw error;
  }
  await saveAnswers(scope, id, customFields);
  await recordActivity(db, { merchantId: merchant.id, actor, action: "customer.updated", subject: `#${id}` });
  await queueCustomerEvaluation(db, merchant.id, [id]);
  return { ok: true, id };
}

export async function getCustomer(scope: Pick<TenantScope, "db" | "merchant">, id: bigint) {
  return scope.db.customer.findFirst({
    where: { merchantId: scope.merchant.id, id },
    include: { stats: true, addresses: { orderBy: [{ isDefault: "desc" }, { id: "asc" }] } },
  });
}

/**
 * Deletes the customer with everything personal attached (addresses, orders, comments, credit, points, IPs)
 * through the foreign keys' cascades, as OpenCart does; the audit log keeps only the id.
 */
export async function deleteCustomers(scope: TenantScope, ids: bigint[]) {
  const { db, merchant, actor } = scope;
  if (ids.length === 0) return 0;
  // Memberships go with the customer (cascade): record the leaves and keep member counts exact first.
  await db.$executeRaw`
    WITH gone AS (
      SELECT group_id, customer_id FROM group_members WHERE merchant_id = ${merchant.id}::uuid AND customer_id = ANY (${ids})
    ), history AS (
      INSERT INTO group_membership_events (merchant_id, group_id, customer_id, change, reason, actor)
      SELECT ${merchant.id}::uuid, group_id, customer_id, 'left'::"MembershipChange", 'manual'::"MembershipReason", ${actor.name} FROM gone
    )
    UPDATE customer_groups g SET member_count = g.member_count - x.n
      FROM (SELECT group_id, count(*)::int AS n FROM gone GROUP BY group_id) x
     WHERE g.merchant_id = ${merchant.id}::uuid AND g.id = x.group_id`;
  const { count } = await db.customer.deleteMany({ where: { merchantId: merchant.id, id: { in: ids } } });
  if (count > 0) {
    await recordActivity(db, {
      merchantId: merchant.id,
      actor,
      action: "customer.deleted",
      subject: ids.length === 1 ? `#${ids[0]}` : `×${count}`,
      data: { count },
    });
  }
  return count;
}

export async function setCustomerStatus(scope: TenantScope, ids: bigint[], status: CustomerStatus) {
  const { db, merchant, actor } = scope;
  const { count } = await db.customer.updateMany({ where: { merchantId: merchant.id, id: { in: ids } }, data: { status } });
  if (count > 0) await queueCustomerEvaluation(db, merchant.id, ids);
  if (count > 0) await recordActivity(db, { merchantId: merchant.id, actor, action: `customer.status.${status}`, subject: ids.length === 1 ? `#${ids[0]}` : `×${count}`, data: { count } });
  return count;
}

export async function setCustomerApproval(scope: TenantScope, ids: bigint[], approval: ApprovalState) {
  const { db, merchant, actor } = scope;
  const { count } = await db.customer.updateMany({ where: { merchantId: merchant.id, id: { in: ids } }, data: { approval } });
  if (count > 0) await queueCustomerEvaluation(db, merchant.id, ids);
  if (count > 0) await recordActivity(db, { merchantId: merchant.id, actor, action: `customer.approval.${approval}`, subject: ids.length === 1 ? `#${ids[0]}` : `×${count}`, data: { count } });
  return count;
}
