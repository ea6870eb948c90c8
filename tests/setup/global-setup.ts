import pg from "pg";
import { Redis } from "ioredis";
import { setupDatabase } from "../../scripts/db-setup";
import { testEnv } from "../../vitest.config";

async function dropDatabase(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = "/postgres";
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function deleteKeys(prefix: string) {
  const redis = new Redis(testEnv.REDIS_URL);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
  await redis.quit();
}

/** A freshly created and migrated database and an empty Redis namespace for this run; both removed afterwards. */
export default async function globalSetup() {
  await dropDatabase(testEnv.DATABASE_URL);
  await setupDatabase(testEnv.DATABASE_URL, testEnv.APP_DATABASE_URL, { quiet: true });
  await deleteKeys(testEnv.QUEUE_PREFIX);
  return async () => {
    await dropDatabase(testEnv.DATABASE_URL);
    await deleteKeys(testEnv.QUEUE_PREFIX);
  };
}
