import { prisma, withUser } from "~/utils/db.server";
import { verifyAgainstNothing, verifyPassword } from "./password.server";
import { startSession } from "./session.server";
import { clearAccountFailures, loginRetryAfter, recordLoginFailure } from "./throttle.server";

export type LoginResult =
  | { ok: true; cookie: string; userId: string }
  | { ok: false; error: "invalidCredentials" }
  | { ok: false; error: "throttled"; retryAfter: number };

/** One answer for an unknown e-mail and a wrong password, in the same time; throttled per account and per IP. */
export async function login({ email, password, ip }: { email: string; password: string; ip: string }): Promise<LoginResult> {
  const retryAfter = await loginRetryAfter(email, ip);
  if (retryAfter > 0) return { ok: false, error: "throttled", retryAfter };

  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
  if (!user || !valid) {
    await recordLoginFailure(email, ip);
    return { ok: false, error: "invalidCredentials" };
  }
  await clearAccountFailures(email);
  return { ok: true, cookie: await startSession(user.id), userId: user.id };
}

/** The shops a signed-in user works in, for the landing redirect and the shop switcher. */
export function listUserShops(userId: string) {
  return withUser(userId, (db) =>
    db.staff.findMany({
      where: { userId },
      select: { role: true, merchant: { select: { slug: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
  );
}
