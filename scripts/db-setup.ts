// Creates the database if it does not exist, applies the migrations, and gives the application role the password
// from APP_DATABASE_URL (if it has one). Safe to run any number of times.
import { execFileSync } from "node:child_process";
import pg from "pg";

const adminUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/clientela";
const appUrl = process.env.APP_DATABASE_URL ?? "postgresql://clientela_app@127.0.0.1:5432/clientela";

export async function setupDatabase(databaseUrl = adminUrl, applicationUrl = appUrl, options: { quiet?: boolean } = {}) {
  const target = new URL(databaseUrl);
  const database = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = "/postgres";

  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      if (!options.quiet) console.log(`==> created database ${database}`);
    }
  } finally {
    await client.end();
  }

  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: options.quiet ? "pipe" : "inherit",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });

  const app = new URL(applicationUrl);
  if (app.password) {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const password = decodeURIComponent(app.password).replaceAll("'", "''");
      await db.query(`ALTER ROLE ${pg.escapeIdentifier(decodeURIComponent(app.username))} WITH LOGIN PASSWORD '${password}'`);
    } finally {
      await db.end();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await setupDatabase();
}
