import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCustomers, createShop } from "../../../tests/factories";
import { queueMail } from "~/modules/mail/queue-mail.server";
import { Prisma } from "~/generated/prisma/client";
import { readAsTenant, withTenant } from "~/utils/db.server";
import { listTenantTables, rlsGaps } from "./rls-audit.server";

const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
const app = new pg.Client({ connectionString: process.env.APP_DATABASE_URL });

let shopA: Awaited<ReturnType<typeof createShop>>;
let shopB: Awaited<ReturnType<typeof createShop>>;

async function asTenant<T>(merchantId: string | null, fn: () => Promise<T>) {
  await app.query("BEGIN");
  try {
    if (merchantId) await app.query("SELECT set_config('app.merchant_id', $1, true)", [merchantId]);
    return await fn();
  } finally {
    await app.query("ROLLBACK");
  }
}

beforeAll(async () => {
  await admin.connect();
  await app.connect();
  shopA = await createShop();
  shopB = await createShop();
  // Give shop B a row in every tenant table (sign-up already wrote staff and activity).
  await addCustomers(shopB.merchant.id, 2);
  await withTenant(shopB.merchant.id, async (db) => {
    const owner = await db.staff.findFirstOrThrow({ where: { merchantId: shopB.merchant.id } });
    await db.invitation.create({
      data: { merchantId: shopB.merchant.id, email: "x@example.test", role: "staff", tokenHash: `h-${Date.now()}`, invitedById: owner.id, expiresAt: new Date(Date.now() + 1e6) },
    });
    await queueMail(db, { merchantId: shopB.merchant.id, to: "x@example.test", subject: "s", text: "t" });
    const customer = await db.customer.findFirstOrThrow({ where: { merchantId: shopB.merchant.id } });
    const m = { merchantId: shopB.merchant.id, customerId: customer.id };
    await db.address.create({ data: { ...m, firstName: "A", lastName: "B", line1: "1 Road", city: "Athens", country: "GR", isDefault: true } });
    await db.customerComment.create({ data: { ...m, authorName: "Owner", body: "note" } });
    await db.customerTransaction.create({ data: { ...m, description: "credit", amount: 5 } });
    await db.rewardPoint.create({ data: { ...m, description: "points", points: 5 } });
    await db.customerIp.create({ data: { ...m, ip: "203.0.113.7" } });
    await db.order.create({ data: { ...m, number: "B-1", total: 10, currency: "EUR", items: { create: [{ productRef: "P", name: "Item", quantity: 1, price: 10 }] } } });
    await db.storeRating.create({ data: { ...m, stars: 5 } });
    // Queued "in the future" so that a worker started by another test file never sweeps it away.
    await db.pendingEvaluation.create({ data: { ...m, queuedAt: new Date(Date.now() + 3_600_000) } });
    await db.apiKey.create({ data: { merchantId: shopB.merchant.id, name: "key", prefix: "clt_x", secretHash: `s-${Date.now()}` } });
    const group = await db.customerGroup.create({ data: { merchantId: shopB.merchant.id, name: { en: "G" }, kind: "hybrid" } });
    const g = { merchantId: shopB.merchant.id, groupId: group.id, customerId: customer.id };
    await db.groupMember.create({ data: { ...g, source: "manual" } });
    await db.groupExclusion.create({ data: g });
    await db.groupMembershipEvent.create({ data: { ...g, change: "joined", reason: "manual" } });
    await db.groupRecompute.create({ data: { merchantId: shopB.merchant.id, groupId: group.id, criteriaVersion: 0, reason: "recompute" } });
    const endpoint = await db.webhookEndpoint.create({ data: { merchantId: shopB.merchant.id, url: "https://hooks.example/x", events: ["customer.group.joined"] } });
    await db.webhookDelivery.create({ data: { merchantId: shopB.merchant.id, endpointId: endpoint.id, event: "customer.group.joined", payload: {} } });
    await db.dataJob.create({ data: { merchantId: shopB.merchant.id, kind: "export", fileName: "customers.csv", locale: "en", createdBy: "Owner" } });
    const field = await db.customField.create({ data: { merchantId: shopB.merchant.id, key: "size", name: { en: "Size" }, type: "select", options: { create: [{ label: { en: "M" } }] } }, include: { options: true } });
    await db.customFieldValue.create({ data: { merchantId: shopB.merchant.id, fieldId: field.id, customerId: customer.id, optionIds: [field.options[0]!.id] } });
  });
});

afterAll(async () => {
  await admin.end();
  await app.end();
});

describe("row-level security", () => {
  it("the application role cannot bypass it", async () => {
    const { rows } = await admin.query(
      `SELECT rolsuper, rolbypassrls, (SELECT count(*) FROM pg_class WHERE relowner = r.oid)::int AS owned
         FROM pg_roles r WHERE rolname = $1`,
      [new URL(process.env.APP_DATABASE_URL!).username],
    );
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, owned: 0 }]);
  });

  it("is enabled and forced on every tenant table found in the catalog", async () => {
    const tables = await listTenantTables(admin);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["staff", "invitations", "activity", "customers", "mail_messages", "orders", "customer_stats", "api_keys", "data_jobs"]));
    expect(rlsGaps(tables)).toEqual([]);
  });

  it("the audit notices a table whose RLS is switched off", async () => {
    await admin.query("BEGIN");
    try {
      await admin.query("ALTER TABLE customers NO FORCE ROW LEVEL SECURITY");
      expect(rlsGaps(await listTenantTables(admin))).toEqual(["customers"]);
    } finally {
      await admin.query("ROLLBACK");
    }
  });

  it("refuses cross-tenant reads and writes on every tenant table", async () => {
    const tables = await listTenantTables(admin);
    for (const { name } of tables) {
      const table = pg.escapeIdentifier(name);
      const sample = await admin.query(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE merchant_id = $1 LIMIT 1`, [shopB.merchant.id]);
      expect(sample.rowCount, `fixture row for ${name} in shop B`).toBe(1);
      const row = sample.rows[0].row as Record<string, unknown>;

      await asTenant(shopA.merchant.id, async () => {
        const read = await app.query(`SELECT count(*)::int AS n FROM ${table} WHERE merchant_id = $1`, [shopB.merchant.id]);
        expect(read.rows[0].n, `read ${name}`).toBe(0);
        const updated = await app.query(`UPDATE ${table} SET merchant_id = merchant_id WHERE merchant_id = $1`, [shopB.merchant.id]);
        expect(updated.rowCount, `update ${name}`).toBe(0);
        const deleted = await app.query(`DELETE FROM ${table} WHERE merchant_id = $1`, [shopB.merchant.id]);
        expect(deleted.rowCount, `delete ${name}`).toBe(0);
      });

      // Generated columns (custom_field_values.choice) are the database's to fill.
      const { rows: written } = await admin.query<{ columns: string }>(
        `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS columns FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`,
        [table],
      );
      const columns = written[0]!.columns;
      await asTenant(shopA.merchant.id, async () => {
        const insert = app.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_record(NULL::${table}, $1)`, [JSON.stringify(row)]);
        await expect(insert, `insert into ${name} for another shop`).rejects.toMatchObject({ code: "42501" });
      });
    }
  });

  it("holds on the lean read path too: one shop's read-only transaction sees none of another's rows and writes nothing", async () => {
    const seen = await readAsTenant(shopA.merchant.id, (read) =>
      read<{ n: bigint }>(Prisma.sql`SELECT count(*) AS n FROM customers WHERE merchant_id = ${shopB.merchant.id}::uuid`),
    );
    expect(seen[0]!.n).toBe(0n);
    const write = readAsTenant(shopA.merchant.id, (read) => read(Prisma.sql`DELETE FROM customers WHERE merchant_id = ${shopA.merchant.id}::uuid`));
    await expect(write).rejects.toMatchObject({ code: "25006" }); // read-only transaction
    await expect(readAsTenant("'; DROP TABLE customers; --", async () => 1)).rejects.toThrow(/Not a shop id/);
    // The pool's connections come back clean: the next transaction of shop A still works.
    const own = await readAsTenant(shopA.merchant.id, (read) => read<{ n: bigint }>(Prisma.sql`SELECT count(*) AS n FROM staff`));
    expect(own[0]!.n).toBeGreaterThan(0n);
  });

  it("returns nothing from tenant tables when no tenant is set", async () => {
    for (const { name } of await listTenantTables(admin)) {
      const count = await asTenant(null, () => app.query(`SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(name)}`));
      expect(count.rows[0].n, name).toBe(0);
    }
  });

  it("a shop sees its own rows and may not move them to another shop", async () => {
    await asTenant(shopB.merchant.id, async () => {
      const own = await app.query("SELECT count(*)::int AS n FROM customers");
      expect(own.rows[0].n).toBe(2);
      await expect(app.query("UPDATE customers SET merchant_id = $1", [shopA.merchant.id])).rejects.toMatchObject({ code: "42501" });
    });
  });
});
