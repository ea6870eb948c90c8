import { Lucia, TimeSpan } from "lucia";
import { env } from "~/utils/env.server";
import { sessionStore } from "./session-store.server";

export const lucia = new Lucia(sessionStore, {
  sessionExpiresIn: new TimeSpan(env.SESSION_DAYS, "d"),
  sessionCookie: {
    name: "clientela_session",
    attributes: { secure: env.APP_URL?.startsWith("https://") ?? false, sameSite: "lax" },
  },
  getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
  getUserAttributes: (attributes) => ({
    email: attributes.email,
    name: attributes.name,
    locale: attributes.locale,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseSessionAttributes: { createdAt: Date };
    DatabaseUserAttributes: { email: string; name: string; locale: string | null };
  }
}
