import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Each run gets a database of its own, created fresh and dropped afterwards (tests/setup/global-setup.ts), so no
// state survives between runs and two runs on one machine do not meet.
const database = process.env.TEST_DATABASE ?? `clientela_test_${process.pid}`;

export const testEnv = {
  NODE_ENV: "test" as const,
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? `postgresql://postgres@127.0.0.1:5432/${database}`,
  APP_DATABASE_URL: process.env.TEST_APP_DATABASE_URL ?? `postgresql://clientela_app@127.0.0.1:5432/${database}`,
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  QUEUE_PREFIX: `clientela-test-${process.pid}`,
  MAILER: "capture",
};

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "workers/**/*.test.ts", "scripts/**/*.test.ts"],
    env: testEnv,
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-test-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: true,
  },
});
