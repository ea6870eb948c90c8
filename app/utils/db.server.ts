import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { env } from "./env.server";
import { isUuid } from "./uuid";

export type Db = Prisma.TransactionClient;

// One pool of connections as the app's role serves both Prisma and the lean reads below (decision 014), so the
// process never holds more than `max` connections and $disconnect closes them all.
// Errors reach the caller as exceptions (some are expected, e.g. a duplicate e-mail); nothing is logged here.
function createClient() {
  const pool = new pg.Pool({ connectionString: env.APP_DATABASE_URL, max: 10 });
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) };
}

const globalForDb = globalThis as unknown as { db?: ReturnType<typeof createClient> };
const created = globalForDb.db ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.db = created;
// The global client touches only the global tables (merchants, users, sessions); tenant data goes through withTenant.
export const prisma = created.prisma;
const pool = created.pool;

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

/**
 * Runs read-only statements without the ORM: what every request reads before its work (session, shop access) and
 * the pages that must answer in a few milliseconds (decision 014). Rows come back like $queryRaw's, except that
 * numeric and date columns are strings (queries cast what they need); bigint columns are BigInt as in Prisma.
 */
export type Read = <T>(query: Prisma.Sql) => Promise<T[]>;

const readTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? (value: string) => BigInt(value) : pg.types.getTypeParser(oid, format),
};

/** Statements on a node-postgres pool or connection, rows typed as described above. */
export function pgReader(client: pg.Pool | pg.ClientBase): Read {
  return async <T>(query: Prisma.Sql) => (await client.query({ text: query.text, values: query.values, types: readTypes })).rows as T[];
}

/** One statement on global tables, outside any transaction. */
export const read: Read = pgReader(pool);

/** Modules that only read with SQL take either transaction: Prisma's (inside withTenant) or a lean one (readAsTenant). */
export type Reads = { db: Db } | { read: Read };

export function readerOf(scope: Reads): Read {
  return "read" in scope ? scope.read : <T>(query: Prisma.Sql) => scope.db.$queryRaw<T[]>(query);
}

/**
 * Read-only statements in one transaction as the tenant (row-level security applies as in withTenant). Never call
 * it inside withTenant: both take a connection from the same pool.
 */
export async function readAsTenant<T>(merchantId: string, fn: (read: Read) => Promise<T>) {
  // Opening the transaction and setting the tenant is one round trip: the id is a uuid, checked here, not a parameter.
  if (!isUuid(merchantId)) throw new Error(`Not a shop id: ${merchantId}`);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // A page reads a few dozen rows: starting parallel workers for it costs more than it saves (and reads the shop
    // in three places at once), so these transactions plan serially.
    await client.query(`BEGIN READ ONLY; SELECT set_config('app.merchant_id', '${merchantId}', true); SET LOCAL max_parallel_workers_per_gather = 0`);
    const result = await fn(pgReader(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
