// The driver adapter the Prisma CLI migrates with. It wraps @prisma/adapter-pg 6.19, whose migration path has
// three defects here; each workaround is contained in this file (docs/decisions/002-prisma-6-offline.md):
// 1. catalog columns of type "char" (OID 18) and name (OID 19) cannot be deserialized (prisma/orm#27403):
//    the pool's clients report them as text (OID 25);
// 2. executeScript splits a migration on every ";", breaking function bodies: the script is sent whole, in one
//    simple-protocol query, which PostgreSQL also runs as one implicit transaction;
// 3. the shadow database is dropped while its own pool is still connected, and the pool inherits the main
//    connection string: the shadow pool gets its own URL and is ended before the drop.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const NAME_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

function retypeFields<R>(result: R): R {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as Array<{ fields?: Array<{ dataTypeID: number }> } | undefined>) {
    for (const field of r?.fields ?? []) {
      if (NAME_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogFriendlyClient extends pg.Client {
  // pg's Pool calls query(text, values, callback); Prisma calls the promise form.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const callback = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const promise = (super.query as any)(...args).then(retypeFields);
    if (!callback) return promise;
    promise.then((res: unknown) => callback(null, res), (err: unknown) => callback(err));
    return undefined;
  }
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function sendScriptsWhole(adapter: Adapter): Adapter {
  const client = adapter.underlyingDriver() as pg.Pool;
  adapter.executeScript = async (script: string) => {
    try {
      await client.query(script);
    } catch (error) {
      // Surface the database's own message (with the failing statement) to the migrate command.
      throw Object.assign(new Error((error as Error).message), { cause: error });
    }
  };
  return adapter;
}

function withDatabase(connectionString: string, database: string) {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

class MigrationPg extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super({ connectionString, Client: CatalogFriendlyClient } as pg.PoolConfig);
  }

  override async connect() {
    return sendScriptsWhole(await super.connect());
  }

  override async connectToShadowDb() {
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: this.connectionString });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadow = sendScriptsWhole(await new PrismaPg({
      connectionString: withDatabase(this.connectionString, database),
      Client: CatalogFriendlyClient,
    } as pg.PoolConfig).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      const dropper = new pg.Client({ connectionString: this.connectionString });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${database}"`);
      await dropper.end();
    };
    return shadow;
  }
}

export function migrationAdapter(connectionString: string) {
  return new MigrationPg(connectionString);
}
