// The app as the end-to-end suite sees it: its own database and Redis namespace, the production build, web and
// worker together (scripts/start-all.ts). Started by playwright.config.ts.
import { spawn } from "node:child_process";
import { Redis } from "ioredis";
import pg from "pg";
import { setupDatabase } from "./db-setup";

export const e2eEnv = {
  PORT: process.env.E2E_PORT ?? "3100",
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/clientela_e2e",
  APP_DATABASE_URL: process.env.E2E_APP_DATABASE_URL ?? "postgresql://clientela_app@127.0.0.1:5432/clientela_e2e",
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  QUEUE_PREFIX: "clientela-e2e",
  MAILER: "capture",
};

if (import.meta.url === `file://${process.argv[1]}`) {
  // A fresh database every run: nothing from an earlier run (or an older schema) leaks into this one.
  const admin = new URL(e2eEnv.DATABASE_URL);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await client.end();
  await setupDatabase(e2eEnv.DATABASE_URL, e2eEnv.APP_DATABASE_URL, { quiet: true });
  // Login throttling counters and queues from an earlier run would leak into this one.
  const redis = new Redis(e2eEnv.REDIS_URL);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${e2eEnv.QUEUE_PREFIX}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
  await redis.quit();

  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start-all.ts"], {
    stdio: "inherit",
    env: { ...process.env, ...e2eEnv },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 1));
}
