import { Redis, type RedisOptions } from "ioredis";
import { env } from "./env.server";

let lastWarning = 0;

// BullMQ requires maxRetriesPerRequest: null on connections used by workers and blocking commands.
export function createRedis(options: RedisOptions = {}) {
  const client = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, ...options });
  // ioredis reconnects by itself; an outage is reported once every half minute rather than once per retry.
  client.on("error", (error: Error) => {
    if (Date.now() - lastWarning < 30_000) return;
    lastWarning = Date.now();
    console.warn(`Redis unavailable (${error.message}); retrying.`);
  });
  return client;
}

const globalForRedis = globalThis as unknown as { redis?: Redis };
export const redis = globalForRedis.redis ?? createRedis({ maxRetriesPerRequest: 3, enableOfflineQueue: true });
if (env.NODE_ENV !== "production") globalForRedis.redis = redis;

export const key = (...parts: string[]) => [env.QUEUE_PREFIX, ...parts].join(":");
