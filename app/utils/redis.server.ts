import { Redis, type RedisOptions } from "ioredis";
import { env } from "./env.server";

// BullMQ requires maxRetriesPerRequest: null on connections used by workers and blocking commands.
export function createRedis(options: RedisOptions = {}) {
  return new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, ...options });
}

const globalForRedis = globalThis as unknown as { redis?: Redis };
export const redis = globalForRedis.redis ?? createRedis({ maxRetriesPerRequest: 3, enableOfflineQueue: true });
if (env.NODE_ENV !== "production") globalForRedis.redis = redis;

export const key = (...parts: string[]) => [env.QUEUE_PREFIX, ...parts].join(":");
