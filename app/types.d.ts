import type { Auth } from "~/modules/auth/session.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    auth: Auth | null;
    cspNonce: string;
    clientIp: string;
  }
}

export {};
