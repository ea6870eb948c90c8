import { authenticate, startSession } from "~/modules/auth/session.server";

/** The load context a signed-in user's request gets from server.ts, for calling route loaders and actions in tests. */
export async function contextFor(userId: string) {
  const cookie = (await startSession(userId)).split(";")[0];
  const { auth } = await authenticate(cookie);
  return { auth, cspNonce: "", clientIp: "127.0.0.1" };
}

/**
 * A route's answer: plain data, data(value, init), or a returned or thrown Response (redirects, downloads, 403, 404)
 * with its Location when it has one.
 */
export async function settle(promise: Promise<unknown>) {
  const answer = (response: Response) => ({ status: response.status, response, data: {} as Record<string, unknown>, location: response.headers.get("Location") });
  try {
    const value = await promise;
    if (value instanceof Response) return answer(value);
    if (value && typeof value === "object" && "init" in value && "data" in value) {
      const wrapped = value as { data: Record<string, unknown>; init: { status?: number } | null };
      return { status: wrapped.init?.status ?? 200, response: null, data: wrapped.data, location: null };
    }
    return { status: 200, response: null, data: value as Record<string, unknown>, location: null };
  } catch (error) {
    if (error instanceof Response) return answer(error);
    throw error;
  }
}
