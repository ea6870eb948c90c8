import { recordActivity } from "~/modules/activity/record-activity.server";
import { assignableRoles, type Role } from "~/modules/auth/permissions";
import type { ShopContext } from "~/modules/tenancy/dashboard.server";
import type { Db } from "~/utils/db.server";

export function listStaff(db: Db, merchantId: string) {
  return db.staff.findMany({
    where: { merchantId },
    select: { id: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
}

export type MemberChangeResult = { ok: true } | { ok: false; error: "notFound" | "roleNotAllowed" | "lastOwner" };

async function ownerCount(db: Db, merchantId: string) {
  // Locks the owners' rows so two concurrent demotions cannot both pass the check.
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM staff WHERE merchant_id = ${merchantId}::uuid AND role = 'owner' FOR UPDATE`;
  return rows.length;
}

/** Role changes never leave a shop without an owner, and nobody grants more than they may. */
export async function changeRole(shop: ShopContext, staffId: string, role: Role): Promise<MemberChangeResult> {
  const { db, merchant, staff, actor } = shop;
  const target = await db.staff.findFirst({ where: { merchantId: merchant.id, id: staffId }, include: { user: true } });
  if (!target) return { ok: false, error: "notFound" };
  const allowed = assignableRoles(staff.role);
  if (!allowed.includes(role) || !allowed.includes(target.role)) return { ok: false, error: "roleNotAllowed" };
  if (target.role === "owner" && role !== "owner" && (await ownerCount(db, merchant.id)) <= 1) {
    return { ok: false, error: "lastOwner" };
  }
  await db.staff.update({ where: { merchantId_id: { merchantId: merchant.id, id: staffId } }, data: { role } });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "staff.role_changed", subject: target.user.email, data: { from: target.role, to: role } });
  return { ok: true };
}

export async function removeStaff(shop: ShopContext, staffId: string): Promise<MemberChangeResult> {
  const { db, merchant, staff, actor } = shop;
  const target = await db.staff.findFirst({ where: { merchantId: merchant.id, id: staffId }, include: { user: true } });
  if (!target) return { ok: false, error: "notFound" };
  if (target.id !== staff.id && !assignableRoles(staff.role).includes(target.role)) return { ok: false, error: "roleNotAllowed" };
  if (target.role === "owner" && (await ownerCount(db, merchant.id)) <= 1) return { ok: false, error: "lastOwner" };
  await db.staff.delete({ where: { merchantId_id: { merchantId: merchant.id, id: staffId } } });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "staff.removed", subject: target.user.email });
  return { ok: true };
}
