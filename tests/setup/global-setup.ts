import { Redis } from "ioredis";
import { setupDatabase } from "../../scripts/db-setup";
import { testEnv } from "../../vitest.config";

/** One migrated test database per run, and a clean test namespace in Redis. */
export default async function globalSetup() {
  await setupDatabase(testEnv.DATABASE_URL, testEnv.APP_DATABASE_URL, { quiet: true });
  const redis = new Redis(testEnv.REDIS_URL);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${testEnv.QUEUE_PREFIX}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
  await redis.quit();
}
