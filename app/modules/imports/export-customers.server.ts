import type { DataJob } from "~/generated/prisma/client";
import { recordActivity } from "~/modules/activity/record-activity.server";
import { csvFields, customColumn, exportCells } from "~/modules/custom-fields/csv.server";
import { countCustomers, filterSql } from "~/modules/customers/list-customers.server";
import { ListQuerySchema, type ListFilters } from "~/modules/customers/list-query";
import { message } from "~/modules/validation/messages";
import { withTenant } from "~/utils/db.server";
import { openCsvWriter } from "./csv.server";
import { shopFile } from "./files.server";
import { exportColumns } from "./schemas";

export interface ExportOptions {
  onProgress?: (progress: { processed: number; total: number | null }) => Promise<unknown> | unknown;
  finalAttempt?: boolean;
  batchSize?: number;
}

export type ExportOutcome = { status: "done"; total: number; filePath: string } | { status: "skipped" };

interface ExportRow {
  id: bigint;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  national_id: string | null;
  gender: string | null;
  birth_date: string | null;
  locale: string | null;
  newsletter: boolean;
  status: string;
  approval: string;
  notes: string | null;
  created_at: Date;
  orders_count: number;
  total_spent: string;
}

const toCells = (row: ExportRow): string[] => [
  row.id.toString(),
  row.email,
  row.first_name,
  row.last_name,
  row.phone ?? "",
  row.national_id ?? "",
  row.gender ?? "",
  row.birth_date ?? "",
  row.locale ?? "",
  row.newsletter ? "true" : "false",
  row.status,
  row.approval,
  row.notes ?? "",
  row.created_at.toISOString(),
  String(row.orders_count),
  row.total_spent,
];

/**
 * Runs one export job: every customer matching the list's filters, in id order, read in keyset batches (one short
 * tenant transaction each, so a million rows never hold one transaction) and written as a CSV for spreadsheets.
 * The file appears under its final name only when complete; a retry writes it again from the start.
 */
export async function runExport(input: { merchantId: string; dataJobId: string }, options: ExportOptions = {}): Promise<ExportOutcome> {
  const { merchantId, dataJobId } = input;
  const claimed = await withTenant(merchantId, async (db) => {
    const job = await db.dataJob.findFirst({ where: { merchantId, id: dataJobId, kind: "export" } });
    if (!job || job.status === "done" || job.status === "failed") return null;
    const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    const filters: ListFilters = ListQuerySchema.parse(job.filters ?? {});
    const { count } = await countCustomers({ db, merchant }, filters, true);
    await db.dataJob.update({
      where: { merchantId_id: { merchantId, id: dataJobId } },
      data: { status: "running", startedAt: new Date(), finishedAt: null, total: count, processed: 0, error: null },
    });
    return { job, merchant, filters, total: count };
  });
  if (!claimed) return { status: "skipped" };
  const { job, merchant, filters, total } = claimed;

  const file = await shopFile(merchantId, `${job.id}-export.csv`);
  const writer = openCsvWriter(file.absolute);
  try {
    const fields = await csvFields(merchant);
    const customCells = await exportCells(merchant, fields, job.locale);
    await writer.write([[...exportColumns, ...fields.map(customColumn)]]);
    const where = filterSql(merchantId, filters, merchant.timezone);
    const batchSize = options.batchSize ?? 5_000;
    let after = 0n;
    let processed = 0;
    for (;;) {
      const rows = await withTenant(merchantId, (db) =>
        db.$queryRaw<ExportRow[]>`
          SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.national_id, c.gender::text AS gender,
                 to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, c.locale, c.newsletter, c.status::text AS status,
                 c.approval::text AS approval, c.notes, c.created_at, s.orders_count, s.total_spent::text AS total_spent
            FROM customers c
            JOIN customer_stats s ON s.merchant_id = c.merchant_id AND s.customer_id = c.id
           WHERE ${where} AND c.id > ${after}
           ORDER BY c.id
           LIMIT ${batchSize}`,
      );
      if (rows.length === 0) break;
      const custom = await customCells(rows.map((r) => r.id));
      await writer.write(rows.map((r) => [...toCells(r), ...(custom.get(r.id) ?? [])]));
      processed += rows.length;
      after = rows[rows.length - 1]!.id;
      await saveProgress(job, { processed, total: Math.max(total, processed) });
      await options.onProgress?.({ processed, total: Math.max(total, processed) });
      if (rows.length < batchSize) break;
    }
    await writer.close();

    const finished = await withTenant(merchantId, async (db) => {
      const { count } = await db.dataJob.updateMany({
        where: { merchantId, id: job.id, status: "running" },
        data: { status: "done", total: processed, processed, filePath: file.relative, finishedAt: new Date() },
      });
      if (count > 0) {
        await recordActivity(db, {
          merchantId,
          actor: { staffId: job.staffId, name: job.createdBy },
          action: "customers.exported",
          subject: job.fileName,
          data: { total: processed },
        });
      }
      return count > 0;
    });
    return finished ? { status: "done", total: processed, filePath: file.relative } : { status: "skipped" };
  } catch (error) {
    await writer.discard();
    await settle(job, options.finalAttempt ?? true);
    throw error;
  }
}

function saveProgress(job: DataJob, progress: { processed: number; total: number }) {
  return withTenant(job.merchantId, (db) => db.dataJob.updateMany({ where: { merchantId: job.merchantId, id: job.id, status: "running" }, data: progress }));
}

async function settle(job: DataJob, finalAttempt: boolean) {
  await withTenant(job.merchantId, (db) =>
    db.dataJob.updateMany({
      where: { merchantId: job.merchantId, id: job.id, status: "running" },
      data: finalAttempt ? { status: "failed", error: message("unexpected"), finishedAt: new Date() } : { status: "queued" },
    }),
  );
}
