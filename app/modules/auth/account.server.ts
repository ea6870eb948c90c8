import type { ShopContext } from "~/modules/tenancy/dashboard.server";
import { prisma } from "~/utils/db.server";
import type { Language } from "~/utils/i18n";
import { lucia } from "./lucia.server";
import { hashPassword, verifyPassword } from "./password.server";
import { startSession } from "./session.server";

export async function setUserLanguage(userId: string, language: Language) {
  await prisma.user.update({ where: { id: userId }, data: { locale: language } });
}

export type PasswordChangeResult = { ok: true; cookie: string } | { ok: false; error: "wrongPassword" };

/** A new password signs the user out everywhere, then starts a fresh session for the browser that changed it. */
export async function changePassword(shop: Pick<ShopContext, "user">, input: { currentPassword: string; newPassword: string }): Promise<PasswordChangeResult> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: shop.user.id } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false, error: "wrongPassword" };
  await prisma.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date() },
  });
  await lucia.invalidateUserSessions(user.id);
  return { ok: true, cookie: await startSession(user.id) };
}
