import { recordActivity } from "~/modules/activity/record-activity.server";
import { assignableRoles, type Role } from "~/modules/auth/permissions";
import { hashPassword } from "~/modules/auth/password.server";
import { startSession } from "~/modules/auth/session.server";
import { queueMail } from "~/modules/mail/queue-mail.server";
import type { ShopContext } from "~/modules/tenancy/dashboard.server";
import { prisma, withTenant, type Db } from "~/utils/db.server";
import { hashToken, newToken } from "./tokens.server";

const INVITATION_DAYS = 7;

export type InviteResult =
  | { ok: true; link: string; invitationId: string }
  | { ok: false; field: "email" | "role"; error: "alreadyStaff" | "roleNotAllowed" };

export async function inviteStaff(
  shop: ShopContext,
  input: { email: string; role: Role; baseUrl: string; mail: { subject: string; text: (link: string) => string } },
): Promise<InviteResult> {
  const { db, merchant, staff, actor } = shop;
  if (!assignableRoles(staff.role).includes(input.role)) return { ok: false, field: "role", error: "roleNotAllowed" };
  const existing = await db.staff.findFirst({
    where: { merchantId: merchant.id, user: { email: input.email } },
    select: { id: true },
  });
  if (existing) return { ok: false, field: "email", error: "alreadyStaff" };

  // A new invitation for the same address replaces any pending one.
  await db.invitation.updateMany({
    where: { merchantId: merchant.id, email: input.email, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const token = newToken();
  const invitation = await db.invitation.create({
    data: {
      merchantId: merchant.id,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedById: staff.id,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    },
  });
  const link = new URL(`/invite/${merchant.slug}/${token}`, input.baseUrl).toString();
  await queueMail(db, { merchantId: merchant.id, to: input.email, subject: input.mail.subject, text: input.mail.text(link) });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "staff.invited", subject: input.email, data: { role: input.role } });
  return { ok: true, link, invitationId: invitation.id };
}

export function listPendingInvitations(db: Db, merchantId: string) {
  return db.invitation.findMany({
    where: { merchantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvitation(shop: ShopContext, invitationId: string) {
  const { db, merchant, actor } = shop;
  const { count } = await db.invitation.updateMany({
    where: { merchantId: merchant.id, id: invitationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count > 0) await recordActivity(db, { merchantId: merchant.id, actor, action: "staff.invitation_revoked", subject: invitationId });
  return count > 0;
}

async function findOpenInvitation(db: Db, merchantId: string, token: string) {
  return db.invitation.findFirst({
    where: { merchantId, tokenHash: hashToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
  });
}

/** What the invite page shows: the shop, the address and whether that address already has an account. */
export async function readInvitation(slug: string, token: string) {
  const merchant = await prisma.merchant.findUnique({ where: { slug } });
  if (!merchant) return null;
  const invitation = await withTenant(merchant.id, (db) => findOpenInvitation(db, merchant.id, token));
  if (!invitation) return null;
  const user = await prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return { merchant, invitation, hasAccount: Boolean(user) };
}

export type AcceptResult = { ok: true; cookie: string | null; slug: string } | { ok: false; error: "invalid" | "wrongUser" };

/**
 * Accepting as a new person creates the account and signs it in; a person who already has an account must be
 * signed in as that address, and simply joins the shop.
 */
export async function acceptInvitation(input: {
  slug: string;
  token: string;
  signedInUserId: string | null;
  newAccount?: { name: string; password: string; locale: string };
}): Promise<AcceptResult> {
  const merchant = await prisma.merchant.findUnique({ where: { slug: input.slug } });
  if (!merchant) return { ok: false, error: "invalid" };
  const passwordHash = input.newAccount ? await hashPassword(input.newAccount.password) : null;

  const result = await withTenant(merchant.id, async (db): Promise<AcceptResult | { ok: true; userId: string; created: boolean }> => {
    const invitation = await findOpenInvitation(db, merchant.id, input.token);
    if (!invitation) return { ok: false, error: "invalid" };
    let user = await db.user.findUnique({ where: { email: invitation.email } });
    let created = false;
    if (user) {
      if (user.id !== input.signedInUserId) return { ok: false, error: "wrongUser" };
    } else {
      if (!input.newAccount || !passwordHash) return { ok: false, error: "invalid" };
      user = await db.user.create({
        data: { email: invitation.email, name: input.newAccount.name, passwordHash, locale: input.newAccount.locale },
      });
      created = true;
    }
    const updated = await db.invitation.updateMany({
      where: { merchantId: merchant.id, id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (updated.count === 0) return { ok: false, error: "invalid" };
    const member = await db.staff.upsert({
      where: { merchantId_userId: { merchantId: merchant.id, userId: user.id } },
      create: { merchantId: merchant.id, userId: user.id, role: invitation.role },
      update: {},
    });
    await recordActivity(db, {
      merchantId: merchant.id,
      actor: { staffId: member.id, name: user.name },
      action: "staff.joined",
      subject: user.email,
      data: { role: member.role },
    });
    return { ok: true, userId: user.id, created };
  });
  if (!result.ok) return result;
  const cookie = "userId" in result && result.created ? await startSession(result.userId) : null;
  return { ok: true, cookie, slug: merchant.slug };
}
