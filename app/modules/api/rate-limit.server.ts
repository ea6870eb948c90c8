import { key, redis } from "~/utils/redis.server";

export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

/** Requests each API key may make per window (fixed window, counted in Redis). */
export const API_RATE_LIMIT: RateLimit = { requests: 600, windowSeconds: 60 };

export type RateLimitResult = { ok: true; remaining: number; limit: number } | { ok: false; retryAfter: number; limit: number };

/** Counts one request for the key; a window is one Redis counter that expires with it. */
export async function consumeRateLimit(keyId: string, limit: RateLimit = API_RATE_LIMIT, now = Date.now()): Promise<RateLimitResult> {
  const windowMs = limit.windowSeconds * 1000;
  const window = Math.floor(now / windowMs);
  const counter = key("api-rate", keyId, String(window));
  const results = await redis.multi().incr(counter).expire(counter, limit.windowSeconds + 1, "NX").exec();
  const used = Number(results?.[0]?.[1] ?? 0);
  if (used > limit.requests) {
    return { ok: false, retryAfter: Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)), limit: limit.requests };
  }
  return { ok: true, remaining: limit.requests - used, limit: limit.requests };
}
