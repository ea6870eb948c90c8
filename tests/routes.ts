import { authenticate, startSession } from "~/modules/auth/session.server";

/** The load context a signed-in user's request gets from server.ts. */
export async function contextFor(userId: string) {
  const cookie = (await startSession(userId)).split(";")[0];
  const { auth } = await authenticate(cookie);
  return { auth, cspNonce: "", clientIp: "127.0.0.1" };
}

/** Route results are plain objects or data(value, init); thrown Responses (redirects, 403, 404) are answers too. */
export async function settle<T>(promise: Promise<T>) {
  try {
    const value = (await promise) as unknown;
    if (value && typeof value === "object" && "init" in value && "data" in value) {
      const wrapped = value as { data: unknown; init: { status?: number } | null };
      return { status: wrapped.init?.status ?? 200, data: wrapped.data as Record<string, unknown>, location: null };
    }
    return { status: 200, data: value as Record<string, unknown>, location: null };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, data: {} as Record<string, unknown>, location: error.headers.get("Location") };
    throw error;
  }
}
