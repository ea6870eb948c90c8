import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { Prisma } from "~/generated/prisma/client";
import { prisma, read } from "~/utils/db.server";

interface SessionRow {
  id: string;
  user_id: string;
  expires_at: Date;
  created_at: Date;
  email: string;
  name: string;
  locale: string | null;
}

const toSession = (s: { id: string; userId: string; expiresAt: Date; createdAt: Date }): DatabaseSession => ({
  id: s.id,
  userId: s.userId,
  expiresAt: s.expiresAt,
  attributes: { createdAt: s.createdAt },
});

/**
 * Lucia's storage for staff sessions. The lookup every request makes is one joined statement on the lean read path
 * (decision 014); the rare writes (sign-in, refresh, sign-out) go through Prisma.
 */
export const sessionStore: Adapter = {
  async getSessionAndUser(sessionId) {
    const [row] = await read<SessionRow>(Prisma.sql`
      SELECT s.id, s.user_id, s.expires_at, s.created_at, u.email, u.name, u.locale
        FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ${sessionId}`);
    if (!row) return [null, null];
    const user: DatabaseUser = { id: row.user_id, attributes: { email: row.email, name: row.name, locale: row.locale } };
    return [toSession({ id: row.id, userId: row.user_id, expiresAt: row.expires_at, createdAt: row.created_at }), user];
  },
  async getUserSessions(userId) {
    return (await prisma.session.findMany({ where: { userId } })).map(toSession);
  },
  async setSession(session) {
    await prisma.session.create({
      data: { id: session.id, userId: session.userId, expiresAt: session.expiresAt, createdAt: session.attributes.createdAt },
    });
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await prisma.session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  },
  async deleteSession(sessionId) {
    await prisma.session.deleteMany({ where: { id: sessionId } });
  },
  async deleteUserSessions(userId) {
    await prisma.session.deleteMany({ where: { userId } });
  },
  async deleteExpiredSessions() {
    await prisma.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  },
};
