import { createHash, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { addStaff, createShop, uniq } from "../../../tests/factories";
import { authenticate } from "~/modules/auth/session.server";
import type { Role } from "~/modules/auth/permissions";
import type { ShopContext } from "~/modules/tenancy/dashboard.server";
import { closeQueues, getQueue } from "~/jobs/queues.server";
import type { Merchant } from "~/generated/prisma/client";
import { prisma, withTenant } from "~/utils/db.server";
import { acceptInvitation, inviteStaff, readInvitation } from "./invitations.server";
import { changeRole, removeStaff } from "./members.server";

type Shop = Awaited<ReturnType<typeof createShop>>;

const mail = { subject: "Join us", text: (link: string) => `Open ${link} to join.` };
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const tokenOf = (link: string) => new URL(link).pathname.split("/").pop()!;
const cookieValue = (setCookie: string) => setCookie.split(";")[0]!;
const createdJobIds: string[] = [];

afterAll(async () => {
  const queue = getQueue("mail");
  await Promise.all(createdJobIds.map(async (id) => (await queue.getJob(id))?.remove()));
  await closeQueues();
});

/** What inShop hands a route: the tenant's transaction plus the signed-in member, built here without a request. */
async function asMember<T>(merchant: Merchant, userId: string, fn: (shop: ShopContext) => Promise<T>) {
  const row = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const user = { id: row.id, email: row.email, name: row.name, locale: row.locale };
  const session = { id: `test-${uniq()}`, userId, fresh: false, expiresAt: new Date(Date.now() + 86_400_000), createdAt: new Date() };
  return withTenant(merchant.id, async (db) => {
    const staff = await db.staff.findUniqueOrThrow({ where: { merchantId_userId: { merchantId: merchant.id, userId } } });
    return fn({ db, merchant, staff, user, auth: { session, user }, actor: { staffId: staff.id, name: user.name } });
  });
}

async function invite(shop: Shop, email: string, role: Role = "staff", asUserId = shop.owner.id) {
  const result = await asMember(shop.merchant, asUserId, (ctx) => inviteStaff(ctx, { email, role, baseUrl: "https://app.example.test", mail }));
  if (result.ok) {
    const messages = await withTenant(shop.merchant.id, (db) => db.mailMessage.findMany({ where: { merchantId: shop.merchant.id, to: email } }));
    createdJobIds.push(...messages.map((m) => `mail-${m.id}`));
  }
  return result;
}

async function invitedOk(shop: Shop, email: string, role: Role = "staff") {
  const result = await invite(shop, email, role);
  if (!result.ok) throw new Error(`invite failed: ${result.error}`);
  return result;
}

const activity = (merchantId: string, action: string) =>
  withTenant(merchantId, (db) => db.activity.findMany({ where: { merchantId, action }, orderBy: { id: "asc" } }));

const staffOf = (merchantId: string) =>
  withTenant(merchantId, (db) => db.staff.findMany({ where: { merchantId }, include: { user: true } }));

const newEmail = () => `invitee-${uniq()}@example.test`;
const newAccount = { name: "New Person", password: "a-long-enough-password", locale: "en" };

describe("inviteStaff", () => {
  it("stores only a SHA-256 hash of the token, queues the mail after commit and records the activity", async () => {
    const shop = await createShop();
    const email = newEmail();
    const result = await invitedOk(shop, email, "admin");

    expect(result.link).toMatch(new RegExp(`^https://app\\.example\\.test/invite/${shop.merchant.slug}/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(result.link);
    const invitation = await withTenant(shop.merchant.id, (db) =>
      db.invitation.findUniqueOrThrow({ where: { merchantId_id: { merchantId: shop.merchant.id, id: result.invitationId } } }),
    );
    expect(invitation).toMatchObject({ email, role: "admin", tokenHash: sha256(token), acceptedAt: null, revokedAt: null });
    expect(JSON.stringify(invitation)).not.toContain(token);
    expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const byToken = await withTenant(shop.merchant.id, (db) => db.invitation.count({ where: { tokenHash: token } }));
    expect(byToken).toBe(0);

    const messages = await withTenant(shop.merchant.id, (db) => db.mailMessage.findMany({ where: { merchantId: shop.merchant.id, to: email } }));
    expect(messages).toHaveLength(1);
    const message = messages[0]!;
    expect(message).toMatchObject({ subject: "Join us", text: `Open ${result.link} to join.`, sentAt: null });

    // Redis is up, so the after-commit hook handed the job to BullMQ and removed the outbox row.
    const job = await getQueue("mail").getJob(`mail-${message.id}`);
    expect(job?.data).toEqual({ merchantId: shop.merchant.id, messageId: message.id });
    expect(await prisma.jobOutbox.count({ where: { jobId: `mail-${message.id}` } })).toBe(0);

    const invited = await activity(shop.merchant.id, "staff.invited");
    expect(invited).toHaveLength(1);
    expect(invited[0]).toMatchObject({ subject: email, data: { role: "admin" }, actorName: shop.owner.name });
  });

  it("an admin cannot invite an owner or an admin, only staff", async () => {
    const shop = await createShop();
    const admin = await addStaff(shop.merchant.id, "admin");
    for (const role of ["owner", "admin"] as const) {
      expect(await invite(shop, newEmail(), role, admin.user.id)).toEqual({ ok: false, field: "role", error: "roleNotAllowed" });
    }
    expect(await invite(shop, newEmail(), "staff", admin.user.id)).toMatchObject({ ok: true });
    const staff = await addStaff(shop.merchant.id, "staff");
    expect(await invite(shop, newEmail(), "staff", staff.user.id)).toEqual({ ok: false, field: "role", error: "roleNotAllowed" });
    expect(await activity(shop.merchant.id, "staff.invited")).toHaveLength(1);
  });

  it("refuses an e-mail that already belongs to a member of this shop, but not of another shop", async () => {
    const shop = await createShop();
    const other = await createShop();
    const member = await addStaff(shop.merchant.id, "staff");
    expect(await invite(shop, member.user.email)).toEqual({ ok: false, field: "email", error: "alreadyStaff" });
    expect(await invite(shop, shop.owner.email)).toEqual({ ok: false, field: "email", error: "alreadyStaff" });
    expect(await invite(other, member.user.email)).toMatchObject({ ok: true });
    const invitations = await withTenant(shop.merchant.id, (db) => db.invitation.count({ where: { merchantId: shop.merchant.id } }));
    expect(invitations).toBe(0);
  });

  it("a second invitation to the same address revokes the first", async () => {
    const shop = await createShop();
    const email = newEmail();
    const first = await invitedOk(shop, email);
    const second = await invitedOk(shop, email, "admin");
    const rows = await withTenant(shop.merchant.id, (db) => db.invitation.findMany({ where: { merchantId: shop.merchant.id, email } }));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first.invitationId)?.revokedAt).toBeInstanceOf(Date);
    expect(byId.get(second.invitationId)?.revokedAt).toBeNull();

    expect(await readInvitation(shop.merchant.slug, tokenOf(first.link))).toBeNull();
    expect(await acceptInvitation({ slug: shop.merchant.slug, token: tokenOf(first.link), signedInUserId: null, newAccount })).toEqual({
      ok: false,
      error: "invalid",
    });
    const accepted = await acceptInvitation({ slug: shop.merchant.slug, token: tokenOf(second.link), signedInUserId: null, newAccount });
    expect(accepted).toMatchObject({ ok: true });
    const joined = (await staffOf(shop.merchant.id)).find((s) => s.user.email === email);
    expect(joined?.role).toBe("admin");
  });
});

describe("acceptInvitation", () => {
  it("creates the account and the membership with the invited role, signs the new person in, and works only once", async () => {
    const shop = await createShop();
    const email = newEmail();
    const { link } = await invitedOk(shop, email, "admin");
    const token = tokenOf(link);
    expect(await readInvitation(shop.merchant.slug, token)).toMatchObject({ invitation: { email, role: "admin" }, hasAccount: false });

    const accepted = await acceptInvitation({ slug: shop.merchant.slug, token, signedInUserId: null, newAccount });
    if (!accepted.ok) throw new Error(`accept failed: ${accepted.error}`);
    expect(accepted.slug).toBe(shop.merchant.slug);
    expect(accepted.cookie).toMatch(/^clientela_session=[^;]+;/);

    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ name: "New Person", locale: "en" });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const { auth } = await authenticate(cookieValue(accepted.cookie!));
    expect(auth?.user.id).toBe(user.id);
    const member = (await staffOf(shop.merchant.id)).find((s) => s.userId === user.id);
    expect(member?.role).toBe("admin");

    const joined = await activity(shop.merchant.id, "staff.joined");
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ staffId: member!.id, actorName: "New Person", subject: email, data: { role: "admin" } });

    expect(await acceptInvitation({ slug: shop.merchant.slug, token, signedInUserId: user.id })).toEqual({ ok: false, error: "invalid" });
    expect(await acceptInvitation({ slug: shop.merchant.slug, token, signedInUserId: null, newAccount })).toEqual({ ok: false, error: "invalid" });
    expect(await readInvitation(shop.merchant.slug, token)).toBeNull();
    expect(await prisma.user.count({ where: { email } })).toBe(1);
    expect(await activity(shop.merchant.id, "staff.joined")).toHaveLength(1);
  });

  it("refuses an expired or a revoked invitation", async () => {
    const shop = await createShop();
    const expiredEmail = newEmail();
    const revokedEmail = newEmail();
    const expired = await invitedOk(shop, expiredEmail);
    const revoked = await invitedOk(shop, revokedEmail);
    await withTenant(shop.merchant.id, async (db) => {
      await db.invitation.update({
        where: { merchantId_id: { merchantId: shop.merchant.id, id: expired.invitationId } },
        data: { expiresAt: new Date(Date.now() - 1_000) },
      });
      await db.invitation.update({
        where: { merchantId_id: { merchantId: shop.merchant.id, id: revoked.invitationId } },
        data: { revokedAt: new Date() },
      });
    });
    for (const { link } of [expired, revoked]) {
      expect(await readInvitation(shop.merchant.slug, tokenOf(link))).toBeNull();
      expect(await acceptInvitation({ slug: shop.merchant.slug, token: tokenOf(link), signedInUserId: null, newAccount })).toEqual({
        ok: false,
        error: "invalid",
      });
    }
    expect(await prisma.user.count({ where: { email: { in: [expiredEmail, revokedEmail] } } })).toBe(0);
    expect(await staffOf(shop.merchant.id)).toHaveLength(1);
  });

  it("an invitation of shop A cannot be accepted through shop B's address", async () => {
    const a = await createShop();
    const b = await createShop();
    const email = newEmail();
    const { link } = await invitedOk(a, email);
    const token = tokenOf(link);
    expect(await readInvitation(b.merchant.slug, token)).toBeNull();
    expect(await acceptInvitation({ slug: b.merchant.slug, token, signedInUserId: null, newAccount })).toEqual({ ok: false, error: "invalid" });
    expect(await acceptInvitation({ slug: `no-such-shop-${uniq()}`, token, signedInUserId: null, newAccount })).toEqual({ ok: false, error: "invalid" });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect(await staffOf(b.merchant.id)).toHaveLength(1);
    // Still open in its own shop.
    expect(await acceptInvitation({ slug: a.merchant.slug, token, signedInUserId: null, newAccount })).toMatchObject({ ok: true });
  });

  it("an existing account must be signed in as itself, and joins without a new session", async () => {
    const shop = await createShop();
    const elsewhere = await createShop();
    const existing = await addStaff(elsewhere.merchant.id, "staff");
    const { link } = await invitedOk(shop, existing.user.email, "admin");
    const token = tokenOf(link);
    expect(await readInvitation(shop.merchant.slug, token)).toMatchObject({ hasAccount: true });

    expect(await acceptInvitation({ slug: shop.merchant.slug, token, signedInUserId: null })).toEqual({ ok: false, error: "wrongUser" });
    expect(await acceptInvitation({ slug: shop.merchant.slug, token, signedInUserId: null, newAccount })).toEqual({ ok: false, error: "wrongUser" });
    expect(await acceptInvitation({ slug: shop.merchant.slug, token, signedInUserId: shop.owner.id })).toEqual({ ok: false, error: "wrongUser" });
    expect((await staffOf(shop.merchant.id)).some((s) => s.userId === existing.user.id)).toBe(false);

    expect(await acceptInvitation({ slug: shop.merchant.slug, token, signedInUserId: existing.user.id })).toEqual({
      ok: true,
      cookie: null,
      slug: shop.merchant.slug,
    });
    const member = (await staffOf(shop.merchant.id)).find((s) => s.userId === existing.user.id);
    expect(member?.role).toBe("admin");
    const user = await prisma.user.findUniqueOrThrow({ where: { id: existing.user.id } });
    expect(user.passwordHash).toBe(existing.user.passwordHash);
  });
});

describe("changeRole and removeStaff", () => {
  it("the only owner cannot be demoted", async () => {
    const shop = await createShop();
    const owner = (await staffOf(shop.merchant.id))[0]!;
    expect(await asMember(shop.merchant, shop.owner.id, (ctx) => changeRole(ctx, owner.id, "admin"))).toEqual({ ok: false, error: "lastOwner" });
    expect((await staffOf(shop.merchant.id))[0]?.role).toBe("owner");
    expect(await activity(shop.merchant.id, "staff.role_changed")).toHaveLength(0);
  });

  it("with two owners, one can be demoted, and the activity records the change", async () => {
    const shop = await createShop();
    const second = await addStaff(shop.merchant.id, "owner");
    expect(await asMember(shop.merchant, shop.owner.id, (ctx) => changeRole(ctx, second.staff.id, "admin"))).toEqual({ ok: true });
    const members = await staffOf(shop.merchant.id);
    expect(members.find((s) => s.id === second.staff.id)?.role).toBe("admin");
    expect(members.filter((s) => s.role === "owner").map((s) => s.userId)).toEqual([shop.owner.id]);
    const changed = await activity(shop.merchant.id, "staff.role_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ subject: second.user.email, actorName: shop.owner.name, data: { from: "owner", to: "admin" } });

    // Now the remaining owner is the last one again.
    const owner = members.find((s) => s.userId === shop.owner.id)!;
    expect(await asMember(shop.merchant, shop.owner.id, (ctx) => changeRole(ctx, owner.id, "staff"))).toEqual({ ok: false, error: "lastOwner" });
  });

  it("two owners demoting each other at the same time leave one owner", async () => {
    const shop = await createShop();
    const first = (await staffOf(shop.merchant.id))[0]!;
    const second = await addStaff(shop.merchant.id, "owner");
    let firstDemoted!: () => void;
    const demoted = new Promise<void>((resolve) => (firstDemoted = resolve));
    // The first transaction demotes the second owner and stays open while the second one runs its check.
    const one = asMember(shop.merchant, shop.owner.id, async (ctx) => {
      const result = await changeRole(ctx, second.staff.id, "admin");
      firstDemoted();
      await sleep(500);
      return result;
    });
    await demoted;
    const two = asMember(shop.merchant, second.user.id, (ctx) => changeRole(ctx, first.id, "admin"));
    expect(await Promise.all([one, two])).toEqual([{ ok: true }, { ok: false, error: "lastOwner" }]);
    expect((await staffOf(shop.merchant.id)).filter((s) => s.role === "owner").map((s) => s.id)).toEqual([first.id]);
  });

  it("staff cannot change roles, and admins cannot touch admins or owners", async () => {
    const shop = await createShop();
    const owner = (await staffOf(shop.merchant.id))[0]!;
    const staff = await addStaff(shop.merchant.id, "staff");
    const otherStaff = await addStaff(shop.merchant.id, "staff");
    const admin = await addStaff(shop.merchant.id, "admin");
    const otherAdmin = await addStaff(shop.merchant.id, "admin");
    const as = (userId: string, staffId: string, role: Role) => asMember(shop.merchant, userId, (ctx) => changeRole(ctx, staffId, role));

    expect(await as(staff.user.id, otherStaff.staff.id, "staff")).toEqual({ ok: false, error: "roleNotAllowed" });
    expect(await as(staff.user.id, staff.staff.id, "admin")).toEqual({ ok: false, error: "roleNotAllowed" });
    expect(await as(admin.user.id, staff.staff.id, "admin")).toEqual({ ok: false, error: "roleNotAllowed" });
    expect(await as(admin.user.id, otherAdmin.staff.id, "staff")).toEqual({ ok: false, error: "roleNotAllowed" });
    expect(await as(admin.user.id, owner.id, "staff")).toEqual({ ok: false, error: "roleNotAllowed" });
    expect(await as(admin.user.id, randomUUID(), "staff")).toEqual({ ok: false, error: "notFound" });
    expect(await activity(shop.merchant.id, "staff.role_changed")).toHaveLength(0);

    expect(await as(shop.owner.id, staff.staff.id, "admin")).toEqual({ ok: true });
    const roles = new Map((await staffOf(shop.merchant.id)).map((s) => [s.id, s.role]));
    expect(roles.get(staff.staff.id)).toBe("admin");
    expect(roles.get(otherStaff.staff.id)).toBe("staff");
    expect(roles.get(otherAdmin.staff.id)).toBe("admin");
    expect(await activity(shop.merchant.id, "staff.role_changed")).toHaveLength(1);
  });

  it("cannot reach a member of another shop", async () => {
    const a = await createShop();
    const b = await createShop();
    const inB = await addStaff(b.merchant.id, "staff");
    expect(await asMember(a.merchant, a.owner.id, (ctx) => changeRole(ctx, inB.staff.id, "admin"))).toEqual({ ok: false, error: "notFound" });
    expect(await asMember(a.merchant, a.owner.id, (ctx) => removeStaff(ctx, inB.staff.id))).toEqual({ ok: false, error: "notFound" });
    expect((await staffOf(b.merchant.id)).find((s) => s.id === inB.staff.id)?.role).toBe("staff");
  });

  it("the last owner cannot be removed; a removal is recorded", async () => {
    const shop = await createShop();
    const owner = (await staffOf(shop.merchant.id))[0]!;
    const member = await addStaff(shop.merchant.id, "staff");
    expect(await asMember(shop.merchant, shop.owner.id, (ctx) => removeStaff(ctx, owner.id))).toEqual({ ok: false, error: "lastOwner" });
    expect(await asMember(shop.merchant, member.user.id, (ctx) => removeStaff(ctx, owner.id))).toEqual({ ok: false, error: "roleNotAllowed" });
    expect(await staffOf(shop.merchant.id)).toHaveLength(2);
    expect(await activity(shop.merchant.id, "staff.removed")).toHaveLength(0);

    expect(await asMember(shop.merchant, shop.owner.id, (ctx) => removeStaff(ctx, member.staff.id))).toEqual({ ok: true });
    expect((await staffOf(shop.merchant.id)).map((s) => s.id)).toEqual([owner.id]);
    const removed = await activity(shop.merchant.id, "staff.removed");
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ subject: member.user.email, staffId: owner.id, actorName: shop.owner.name });
  });

  it("one of two owners may leave the shop", async () => {
    const shop = await createShop();
    const second = await addStaff(shop.merchant.id, "owner");
    expect(await asMember(shop.merchant, second.user.id, (ctx) => removeStaff(ctx, second.staff.id))).toEqual({ ok: true });
    expect((await staffOf(shop.merchant.id)).map((s) => s.userId)).toEqual([shop.owner.id]);
  });
});
