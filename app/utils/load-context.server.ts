import type { AppLoadContext } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { authenticate } from "~/modules/auth/session.server";

/** Called by the HTTP server for every request that reaches Remix: one session validation per request. */
export async function createLoadContext(req: ExpressRequest, res: ExpressResponse): Promise<AppLoadContext> {
  const { auth, cookies } = await authenticate(req.headers.cookie);
  for (const cookie of cookies) res.append("Set-Cookie", cookie);
  return { auth, cspNonce: String(res.locals.cspNonce ?? ""), clientIp: req.ip ?? "unknown" };
}
