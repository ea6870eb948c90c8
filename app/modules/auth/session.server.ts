import type { Session, User } from "lucia";
import { env } from "~/utils/env.server";
import { lucia } from "./lucia.server";

export interface Auth {
  session: Session;
  user: User;
}

const ABSOLUTE_LIFETIME_MS = env.SESSION_ABSOLUTE_DAYS * 24 * 60 * 60 * 1000;

/**
 * Validates the session cookie once per request. Returns the auth (or null) and the Set-Cookie values to send:
 * Lucia's sliding refresh, or a blank cookie for a session that is unknown, expired or past its absolute lifetime.
 */
export async function authenticate(cookieHeader: string | undefined, now = Date.now()) {
  const cookies: string[] = [];
  const sessionId = lucia.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { auth: null, cookies };

  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) {
    cookies.push(lucia.createBlankSessionCookie().serialize());
    return { auth: null, cookies };
  }
  if (now - session.createdAt.getTime() > ABSOLUTE_LIFETIME_MS) {
    await lucia.invalidateSession(session.id);
    cookies.push(lucia.createBlankSessionCookie().serialize());
    return { auth: null, cookies };
  }
  if (session.fresh) cookies.push(lucia.createSessionCookie(session.id).serialize());
  return { auth: { session, user } satisfies Auth, cookies };
}

export async function startSession(userId: string) {
  const session = await lucia.createSession(userId, { createdAt: new Date() });
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession(sessionId: string) {
  await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}
