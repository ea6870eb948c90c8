import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { env } from "./env.server";

export type Db = Prisma.TransactionClient;

// Errors reach the caller as exceptions (some are expected, e.g. a duplicate e-mail); nothing is logged here.
function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: env.APP_DATABASE_URL, max: 10 }),
  });
}

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };
// The global client touches only the global tables (merchants, users, sessions); tenant data goes through withTenant.
export const prisma = globalForDb.prisma ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.prisma = prisma;

const afterCommitHooks = new WeakMap<Db, Array<() => Promise<unknown>>>();

/** Runs fn once the caller's transaction has committed (e.g. handing a job to Redis); failures are left to sweeps. */
export function afterCommit(db: Db, fn: () => Promise<unknown>) {
  const hooks = afterCommitHooks.get(db);
  if (!hooks) throw new Error("afterCommit called outside withTenant/inTransaction");
  hooks.push(fn);
}

interface TransactionOptions {
  timeout?: number;
}

async function transaction<T>(setting: "app.merchant_id" | "app.user_id" | null, value: string, fn: (db: Db) => Promise<T>, options: TransactionOptions) {
  let hooks: Array<() => Promise<unknown>> = [];
  const result = await prisma.$transaction(
    async (db) => {
      hooks = [];
      afterCommitHooks.set(db, hooks);
      if (setting) await db.$queryRaw`SELECT set_config(${setting}, ${value}, true)`;
      return fn(db);
    },
    { timeout: options.timeout ?? 15_000, maxWait: 5_000 },
  );
  await Promise.allSettled(hooks.map((hook) => hook()));
  return result;
}

/**
 * Runs fn in one transaction whose first statement sets the tenant for row-level security.
 * The setting is transaction-local, so a pooled connection never carries it into another request.
 */
export function withTenant<T>(merchantId: string, fn: (db: Db) => Promise<T>, options: TransactionOptions = {}) {
  return transaction("app.merchant_id", merchantId, fn, options);
}

/** Lets a signed-in user read their own staff memberships (all shops) before a tenant is chosen. */
export function withUser<T>(userId: string, fn: (db: Db) => Promise<T>) {
  return transaction("app.user_id", userId, fn, {});
}

/** A transaction on global tables only (sign-up sets its tenant itself once the shop exists). */
export function inTransaction<T>(fn: (db: Db) => Promise<T>, options: TransactionOptions = {}) {
  return transaction(null, "", fn, options);
}
