// The CSV import scenario of bench/index.ts: a generated file (app/modules/imports/fixtures.ts) imported with the
// import module's own runImport, in a scratch shop that is deleted afterwards with its files.
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { dataRoot, shopFile } from "~/modules/imports/files.server";
import { writeCustomerCsv } from "~/modules/imports/fixtures";
import { runImport, type ImportOutcome } from "~/modules/imports/import-customers.server";
import { createMerchantWithOwner } from "~/modules/merchants/create-merchant.server";
import { withTenant } from "~/utils/db.server";

export interface ImportResult {
  mode: "create_only" | "update_or_create";
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** null when the import did not finish within the time limit (it was aborted and rolled back). */
  outcome: ImportOutcome | null;
}

class Deadline extends Error {}

/** Deletes a scratch shop, its owner and its files (owner connection: a plain cascade, 100,000 customers take seconds). */
async function dropScratchShop(admin: pg.Client, merchantId: string) {
  await admin.query("DELETE FROM merchants WHERE id = $1", [merchantId]);
  await admin.query(`DELETE FROM users u WHERE u.email LIKE 'bench-import-%@clientela.local' AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.user_id = u.id)`);
  await rm(path.join(dataRoot(), merchantId), { recursive: true, force: true });
}

/**
 * Imports `rows` generated rows twice (create, then update) and times each run. A run still going after `limitMs` is
 * aborted through the module's progress callback (its transaction rolls back); the caller also bounds single
 * statements (statement_timeout), so the scenario always ends.
 */
export async function csvImportScenario(adminUrl: string, rows: number, limitMs: number): Promise<ImportResult[]> {
  const admin = new pg.Client({ connectionString: adminUrl, application_name: "clientela bench import" });
  await admin.connect();
  try {
    // Scratch shops left by an interrupted earlier run go first.
    const { rows: left } = await admin.query<{ id: string }>("SELECT id FROM merchants WHERE slug LIKE 'bench-import-%'");
    for (const shop of left) await dropScratchShop(admin, shop.id);
    return await importInScratchShop(admin, rows, limitMs);
  } finally {
    await admin.end();
  }
}

async function importInScratchShop(admin: pg.Client, rows: number, limitMs: number): Promise<ImportResult[]> {
  const tag = randomUUID().slice(0, 8);
  const email = `bench-import-${tag}@clientela.local`;
  // The generated rows are a Greek shop's (Greek mobiles and tax numbers): an "el" shop has country GR.
  const created = await createMerchantWithOwner({
    shopName: `Bench import ${tag}`,
    slug: `bench-import-${tag}`,
    name: "Bench Import",
    email,
    password: "bench-password-2026",
    language: "el",
  });
  if (!created.ok) throw new Error(`cannot create the scratch shop: ${created.error}`);
  const merchantId = created.merchantId;
  const results: ImportResult[] = [];
  try {
    const file = await shopFile(merchantId, "bench.csv");
    // The same file twice: the first run creates every customer, the second finds and updates them all.
    for (const mode of ["create_only", "update_or_create"] as const) {
      await writeCustomerCsv(file.absolute, rows);
      const job = await withTenant(merchantId, (db) =>
        db.dataJob.create({
          data: { merchantId, kind: "import", mode, fileName: "bench.csv", filePath: file.relative, locale: "el", createdBy: "bench" },
        }),
      );
      const t0 = performance.now();
      const onProgress = () => {
        if (performance.now() - t0 > limitMs) throw new Deadline();
      };
      let outcome: ImportOutcome | null = null;
      try {
        outcome = await runImport({ merchantId, dataJobId: job.id }, { onProgress });
      } catch (error) {
        // Over time: aborted by the callback, or a statement stopped by statement_timeout (57014).
        if (!(error instanceof Deadline) && (error as { code?: string }).code !== "57014") throw error;
      }
      const seconds = (performance.now() - t0) / 1000;
      results.push({ mode, rows, seconds, rowsPerSecond: rows / seconds, outcome });
      if (!outcome) break;
    }
    return results;
  } finally {
    await dropScratchShop(admin, merchantId);
  }
}
