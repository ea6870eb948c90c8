import { authenticate, startSession } from "~/modules/auth/session.server";

/** The load context a signed-in user's request gets from server.ts, for calling route loaders and actions in tests. */
export async function contextFor(userId: string) {
  const cookie = (await startSession(userId)).split(";")[0];
  const { auth } = await authenticate(cookie);
  return { auth, cspNonce: "", clientIp: "127.0.0.1" };
}

/** A route's answer: a returned or thrown Response, or data(value, init). */
export async function settle(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, response: value, data: null };
    if (value && typeof value === "object" && "init" in value && "data" in value) {
      const wrapped = value as { data: Record<string, unknown>; init: { status?: number } | null };
      return { status: wrapped.init?.status ?? 200, response: null, data: wrapped.data };
    }
    return { status: 200, response: null, data: value as Record<string, unknown> };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, response: error, data: null };
    throw error;
  }
}
