import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { CsvError, parse } from "csv-parse";
import pg from "pg";
import { enqueueInTransaction } from "~/jobs/outbox.server";
import { csvFields, CustomColumnsImport, type StagedCustomer } from "~/modules/custom-fields/csv.server";
import { message } from "~/modules/validation/messages";
import type { DataJob, Merchant } from "~/generated/prisma/client";
import { withTenant } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { openCsvWriter } from "./csv.server";
import { removeShopFile, resolveShopFile, shopFile } from "./files.server";
import { ImportFileError, inspectFile, readHeader, reasonWriter, rowValidator, type FileFacts, type Reasons, type StagedRow } from "./read-rows.server";
import { reportColumns, type ImportColumn, type ImportMode } from "./schemas";

export { ImportFileError } from "./read-rows.server";

export interface ImportProgress {
  processed: number;
  total: number | null;
  created?: number;
  updated?: number;
  rejected?: number;
}

export interface ImportOptions {
  /** Called after every batch; a throw aborts the job like a crash would (the transaction rolls back). */
  onProgress?: (progress: ImportProgress) => Promise<unknown> | unknown;
  /** False while BullMQ will retry: an unexpected error then puts the job back in the queue instead of failing it. */
  finalAttempt?: boolean;
  batchSize?: number;
}

export type ImportOutcome =
  | { status: "done"; total: number; created: number; updated: number; rejected: number; reportPath: string | null }
  | { status: "failed"; error: string }
  | { status: "skipped" };

const MAX_RECORD_CHARS = 1_000_000;

/**
 * Runs one import job in ONE transaction on a dedicated connection, so a bad file, a crash or any failure leaves
 * the shop untouched and a retry starts over. The file is streamed through csv-parse, every row validated with the
 * customer schema the dashboard uses and staged (valid or not) in a temporary table; each staged batch is then
 * settled in SQL (duplicates in the file, existing e-mails, INSERT … ON CONFLICT) while the next batch is parsed, and
 * the job row is marked done in the same transaction. Rejected rows become a report in the starter's language.
 */
export async function runImport(input: { merchantId: string; dataJobId: string }, options: ImportOptions = {}): Promise<ImportOutcome> {
  const claimed = await claimJob(input.merchantId, input.dataJobId);
  if (!claimed) return { status: "skipped" };
  const { job, merchant } = claimed;
  try {
    const outcome = await importFile(job, merchant, options);
    if (outcome.status !== "skipped") await removeShopFile(merchant.id, job.filePath);
    return outcome;
  } catch (error) {
    if (error instanceof ImportFileError) {
      await settleFailure(job, error.reason);
      return { status: "failed", error: error.reason };
    }
    if (options.finalAttempt ?? true) await settleFailure(job, message("unexpected"));
    else await withTenant(job.merchantId, (db) => db.dataJob.updateMany({ where: { merchantId: job.merchantId, id: job.id, status: "running" }, data: { status: "queued", ...nothingWritten } }));
    throw error;
  }
}

async function claimJob(merchantId: string, id: string) {
  return withTenant(merchantId, async (db) => {
    const job = await db.dataJob.findFirst({ where: { merchantId, id, kind: "import" } });
    // Done and failed are final: a job handed over twice (outbox sweep, stalled worker) does not run again.
    if (!job || job.status === "done" || job.status === "failed") return null;
    const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    const running = await db.dataJob.update({
      where: { merchantId_id: { merchantId, id } },
      data: { status: "running", startedAt: new Date(), finishedAt: null, total: null, processed: 0, created: 0, updated: 0, rejected: 0, error: null },
    });
    return { job: running, merchant };
  });
}

/** The counts shown while a job ran are undone with its transaction. */
const nothingWritten = { processed: 0, created: 0, updated: 0, rejected: 0 };

async function settleFailure(job: DataJob, error: string) {
  await withTenant(job.merchantId, (db) =>
    db.dataJob.updateMany({
      where: { merchantId: job.merchantId, id: job.id, status: { in: ["queued", "running"] } },
      data: { status: "failed", error, finishedAt: new Date(), ...nothingWritten },
    }),
  );
  await removeShopFile(job.merchantId, job.filePath);
}

/** Progress goes to the job row in its own short transaction, so the dashboard sees it while the import runs. */
async function saveProgress(job: DataJob, progress: ImportProgress, options: ImportOptions) {
  await withTenant(job.merchantId, (db) =>
    db.dataJob.updateMany({ where: { merchantId: job.merchantId, id: job.id, status: "running" }, data: progress }),
  );
  await options.onProgress?.(progress);
}

async function importFile(job: DataJob, merchant: Merchant, options: ImportOptions): Promise<ImportOutcome> {
  if (!job.filePath || !job.mode) throw new ImportFileError(message("fileMissing"));
  const absolute = resolveShopFile(merchant.id, job.filePath);
  const facts = await inspectFile(absolute).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ImportFileError(message("fileMissing"));
    throw error;
  });
  await saveProgress(job, { processed: 0, total: facts.estimatedRows }, options);
  const reasons = await reasonWriter(job.locale);
  const fields = await csvFields(merchant);

  const client = new pg.Client({ connectionString: env.APP_DATABASE_URL, application_name: "clientela-import" });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.merchant_id', $1, true)", [merchant.id]);
    // The batch statement is planned once, for any shop: a plan made for this shop's values trusts statistics that
    // may not know the shop yet (a new shop, or one that grew since the last ANALYZE, "has one customer"), and then
    // probed each row's e-mail by walking the shop through any index that starts with merchant_id (an update-or-create
    // batch of 5,000 rows in a 100,000-customer shop ran for minutes). The generic plan uses the unique e-mail index.
    await client.query("SET LOCAL plan_cache_mode = force_generic_plan");
    // Created inside the transaction and dropped at its end: no other session ever sees the table.
    await client.query("CREATE TEMP TABLE import_rows (line integer PRIMARY KEY, raw jsonb NOT NULL, reason text, email text) ON COMMIT DROP");
    await client.query("CREATE INDEX ON import_rows (email)");

    const applier = new BatchApplier(client, merchant.id, job.mode, reasons, new CustomColumnsImport(client, merchant, fields, reasons));
    const staged = await stageFile(absolute, facts, job, merchant, reasons, applier, options);
    const rejected = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM import_rows WHERE reason IS NOT NULL")).rows[0]?.n ?? 0);
    const reportPath = rejected > 0 ? await writeReport(client, job, staged.header) : null;
    const counts = { created: applier.created, updated: applier.updated, rejected };

    const [locked] = (await client.query<{ status: string }>("SELECT status FROM data_jobs WHERE merchant_id = $1 AND id = $2 FOR UPDATE", [merchant.id, job.id])).rows;
    if (locked?.status !== "running") {
      // Another run of the same job finished first; this one leaves no trace.
      await client.query("ROLLBACK");
      return { status: "skipped" };
    }
    await client.query(
      `UPDATE data_jobs SET status = 'done', total = $3, processed = $3, created = $4, updated = $5, rejected = $6, report_path = $7,
              file_path = NULL, error = NULL, finished_at = now()
        WHERE merchant_id = $1 AND id = $2`,
      [merchant.id, job.id, staged.rows, counts.created, counts.updated, counts.rejected, reportPath],
    );
    await client.query(
      "INSERT INTO activity (merchant_id, staff_id, actor_name, action, subject, data) VALUES ($1, $2, $3, 'customers.imported', $4, $5)",
      [merchant.id, job.staffId, job.createdBy, job.fileName, JSON.stringify({ total: staged.rows, ...counts })],
    );
    await client.query("COMMIT");
    if (counts.created + counts.updated > 0) await reconcileGroups(merchant.id, job.id);
    await options.onProgress?.({ processed: staged.rows, total: staged.rows });
    return { status: "done", total: staged.rows, ...counts, reportPath };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Imported customers join their automatic groups through one reconciliation of the shop (one pass over the customers
 * for all groups), not one evaluation per customer. Queued after the commit, so it sees them; should that fail, the
 * nightly reconciliation catches up.
 */
async function reconcileGroups(merchantId: string, dataJobId: string) {
  try {
    await withTenant(merchantId, async (db) => {
      const automatic = await db.customerGroup.count({ where: { merchantId, kind: { in: ["automatic", "hybrid"] } } });
      if (automatic > 0) await enqueueInTransaction(db, "group-reconcile", { merchantId }, { jobId: `reconcile-${merchantId}-import-${dataJobId}` });
    });
  } catch (error) {
    console.warn(`Group reconciliation after import ${dataJobId} not queued: ${(error as Error).message}`);
  }
}

/** Counts the line breaks inside quoted values, so reported line numbers match what an editor shows. */
function extraLines(record: string[]) {
  let n = 0;
  for (const value of record) {
    for (let at = value.indexOf("\n"); at !== -1; at = value.indexOf("\n", at + 1)) n += 1;
  }
  return n;
}

/** Parses and validates the file batch by batch; each full batch is staged and applied while the next one is read. */
async function stageFile(absolute: string, facts: FileFacts, job: DataJob, merchant: Merchant, reasons: Reasons, applier: BatchApplier, options: ImportOptions) {
  const batchSize = options.batchSize ?? 5_000;
  const parser = parse({ bom: true, delimiter: facts.delimiter, relax_column_count: true, max_record_size: MAX_RECORD_CHARS });
  const source = createReadStream(absolute, { highWaterMark: 1 << 20 });
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);

  let header: string[] | null = null;
  let layout: ReturnType<typeof readHeader> | null = null;
  let validate: ReturnType<typeof rowValidator> | null = null;
  let batch = new StagingBatch(false);
  let pending: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  let rows = 0;
  let nextLine = 1;

  const flush = async () => {
    await pending;
    if (failure) throw failure.error;
    if (batch.size === 0) return;
    const full = batch;
    batch = new StagingBatch(applier.custom.active);
    pending = applier.apply(full).then(
      () => undefined,
      (error: unknown) => {
        failure = { error };
      },
    );
    // Counts lag one batch behind the rows read: that batch is still being applied.
    await saveProgress(job, { processed: rows, total: Math.max(rows, facts.estimatedRows), created: applier.created, updated: applier.updated, rejected: applier.rejected }, options);
  };

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = nextLine;
      nextLine += 1 + extraLines(record);
      // Empty lines, and rows of nothing but separators (spreadsheets leave them at the end), are not rows.
      if (record.every((value) => value.trim() === "")) continue;
      if (!header || !layout || !validate) {
        header = record;
        layout = readHeader(record, applier.custom.columnNames);
        validate = rowValidator(merchant.country, layout.index, reasons);
        applier.setColumns(layout.present, layout.names);
        batch = new StagingBatch(applier.custom.active);
        continue;
      }
      rows += 1;
      if (record.length > header.length && record.slice(header.length).every((value) => value.trim() === "")) record.length = header.length;
      if (record.length !== header.length) {
        batch.reject(line, record, reasons.columnCount(header.length, record.length));
      } else if (record.some((value) => value.includes("\u0000"))) {
        batch.reject(line, record, reasons.invalidCharacters());
      } else {
        const result = validate(record);
        if (result.ok) batch.accept(line, record, result.row);
        else batch.reject(line, record, result.reason);
      }
      if (batch.size >= batchSize) await flush();
    }
  } catch (error) {
    source.destroy();
    await pending;
    if (error instanceof CsvError) {
      const key = error.code === "CSV_MAX_RECORD_SIZE" ? "rowTooLong" : "malformed";
      throw new ImportFileError(message(key, { line: (error as CsvError & { lines?: number }).lines ?? nextLine }));
    }
    throw error;
  }
  if (!header || !layout) throw new ImportFileError(message("empty"));
  if (rows === 0) throw new ImportFileError(message("noRows"));
  await flush();
  await pending;
  if (failure) throw (failure as { error: unknown }).error;
  return { header, rows };
}

/**
 * A batch of rows, sent as one JSON parameter: JSON.stringify is native and PostgreSQL parses jsonb in C. Each row is
 * written out as JSON the moment it is read, so a batch being filled is one string per row rather than arrays of
 * cells; the cells are kept as values only when custom fields need them.
 */
class StagingBatch {
  private rows: string[] = [];
  private customers: StagedCustomer[] | null;
  /** Reasons given after staging (custom fields), by line: the SQL takes them over the row's own. */
  private refusals = new Map<number, string>();

  constructor(keepCustomers: boolean) {
    this.customers = keepCustomers ? [] : null;
  }

  get size() {
    return this.rows.length;
  }

  private push(row: unknown[]) {
    this.rows.push(JSON.stringify(row));
  }

  reject(line: number, record: string[], reason: string) {
    this.push([line, record, reason]);
  }

  accept(line: number, record: string[], row: StagedRow) {
    this.push([
      line,
      record,
      null,
      row.email,
      row.firstName,
      row.lastName,
      row.phone,
      row.nationalId,
      row.gender,
      row.birthDate,
      row.locale,
      row.newsletter,
      row.status,
      row.approval,
      row.notes,
    ]);
    this.customers?.push({ line, record, email: row.email });
  }

  /** The rows that passed the customer schema (custom fields are checked once the batch's customers are known). */
  accepted(): StagedCustomer[] {
    return (this.customers ?? []).filter((row) => !this.refusals.has(row.line));
  }

  refuse(reasons: Map<number, string>) {
    for (const [line, reason] of reasons) this.refusals.set(line, reason);
  }

  toJson() {
    return `[${this.rows.join(",")}]`;
  }

  refusalsJson() {
    return JSON.stringify(Object.fromEntries(this.refusals));
  }
}

/** The columns an import writes, and the value of each for a new customer (a blank status or approval takes the default). */
const insertValues: Array<[string, string]> = [
  ["email", "r.email"],
  ["first_name", "r.first_name"],
  ["last_name", "r.last_name"],
  ["phone", "r.phone"],
  ["national_id", "r.national_id"],
  ["gender", "r.gender"],
  ["birth_date", "r.birth_date"],
  ["locale", "r.locale"],
  ["newsletter", "coalesce(r.newsletter, false)"],
  ["newsletter_at", "CASE WHEN r.newsletter THEN now() END"],
  ["status", "coalesce(r.status, 'active')"],
  ["approval", "coalesce(r.approval, 'approved')"],
  ["notes", "r.notes"],
];
const insertColumns = `merchant_id, ${insertValues.map(([column]) => column).join(", ")}, updated_at`;
const insertSelect = `$1::uuid, ${insertValues.map(([, value]) => value).join(", ")}, now()`;

/**
 * The batch as rows, and the valid rows whose e-mail came earlier in the file (in this batch or a staged one): the
 * first row of an e-mail wins. $2 is StagingBatch.toJson(), $3 the reasons given to its rows after staging.
 */
const batchInput = `
  input AS (
    SELECT (e->>0)::int AS line, e->1 AS raw, coalesce($3::jsonb->>(e->>0), e->>2) AS reason, e->>3 AS email, e->>4 AS first_name, e->>5 AS last_name,
           e->>6 AS phone, e->>7 AS national_id, (e->>8)::"Gender" AS gender, (e->>9)::date AS birth_date, e->>10 AS locale,
           (e->>11)::boolean AS newsletter, (e->>12)::"CustomerStatus" AS status, (e->>13)::"ApprovalState" AS approval, e->>14 AS notes
      FROM jsonb_array_elements($2::jsonb) AS e),
  ranked AS (SELECT line, email, row_number() OVER (PARTITION BY email ORDER BY line) AS n FROM input WHERE reason IS NULL),
  dup AS (SELECT r.line FROM ranked r WHERE r.n > 1 OR EXISTS (SELECT 1 FROM import_rows p WHERE p.email = r.email)),
  cand AS (SELECT i.* FROM input i WHERE i.reason IS NULL AND i.line NOT IN (SELECT line FROM dup))`;

/** SET expressions for the columns the file has; a blank status, approval or newsletter keeps the current value. */
const updateExpressions: Record<ImportColumn, Array<[string, string]>> = {
  email: [["email", "r.email"]],
  first_name: [["first_name", "r.first_name"]],
  last_name: [["last_name", "r.last_name"]],
  phone: [["phone", "r.phone"]],
  national_id: [["national_id", "r.national_id"]],
  gender: [["gender", "r.gender"]],
  birth_date: [["birth_date", "r.birth_date"]],
  locale: [["locale", "r.locale"]],
  newsletter: [
    ["newsletter", "coalesce(r.newsletter, c.newsletter)"],
    ["newsletter_at", "CASE WHEN coalesce(r.newsletter, c.newsletter) THEN CASE WHEN c.newsletter THEN c.newsletter_at ELSE now() END END"],
  ],
  status: [["status", "coalesce(r.status, c.status)"]],
  approval: [["approval", "coalesce(r.approval, c.approval)"]],
  notes: [["notes", "r.notes"]],
};

/**
 * Settles one batch in ONE statement (so the database never waits on the parser between steps): duplicates in the
 * file are rejected, create-only inserts and rejects e-mails the shop already has, update-or-create updates those
 * (only when something differs) and inserts the rest; every row is staged with its reason for the report.
 * No estimate can be trusted here: the planner guesses 100 rows for jsonb_array_elements, and a shop that is new or
 * just grew has no statistics (it "has one customer"), which made a join with customers walk the whole shop for every
 * row of the batch (minutes per batch at 100,000 customers). So every lookup is a plan that cannot be reordered: hashed
 * IN subplans, a correlated subquery probing (merchant_id, lower(email)) once per row, and ON CONFLICT, which probes
 * its arbiter index per row. Update-or-create reads the current row in that probe, computes each target row in SQL,
 * skips the unchanged ones and writes the rest with one INSERT … ON CONFLICT DO UPDATE.
 */
class BatchApplier {
  created = 0;
  updated = 0;
  rejected = 0;
  private staged = 0;
  private analyzedAt = 0;
  private sql = "";
  private statementName = "";

  constructor(
    private client: pg.Client,
    private merchantId: string,
    private mode: ImportMode,
    private reasons: Reasons,
    readonly custom: CustomColumnsImport,
  ) {}

  setColumns(present: ImportColumn[], header: string[]) {
    this.custom.setHeader(header);
    const sets = present.flatMap((column) => updateExpressions[column]);
    this.sql =
      this.mode === "create_only"
        ? `WITH ${batchInput},
             inserted AS (
               INSERT INTO customers (${insertColumns})
               SELECT ${insertSelect} FROM cand r ORDER BY r.line
               ON CONFLICT (merchant_id, lower(email)) DO NOTHING
               RETURNING lower(email) AS email),
             staged AS (
               INSERT INTO import_rows (line, raw, reason, email)
               SELECT i.line, i.raw,
                      CASE WHEN i.reason IS NOT NULL THEN i.reason
                           WHEN i.line IN (SELECT line FROM dup) THEN $4
                           WHEN i.email NOT IN (SELECT email FROM inserted) THEN $5 END,
                      i.email
                 FROM input i
               RETURNING reason)
           SELECT count(*) FILTER (WHERE reason IS NULL) AS created, 0 AS updated, count(*) FILTER (WHERE reason IS NOT NULL) AS rejected FROM staged`
        : `WITH ${batchInput},
             current AS MATERIALIZED (
               SELECT r.*, (SELECT c FROM customers c WHERE c.merchant_id = $1 AND lower(c.email) = r.email) AS cur FROM cand r),
             target AS (
               SELECT r.line, ${insertValues
                 .map(([column, value]) => {
                   const set = sets.find(([name]) => name === column);
                   return `CASE WHEN c.id IS NULL THEN ${value} ELSE ${set ? set[1] : `c.${column}`} END AS ${column}`;
                 })
                 .join(", ")}
                 FROM current r CROSS JOIN LATERAL (SELECT (r.cur).*) c
                WHERE c.id IS NULL
                   OR (${sets.map(([column]) => `c.${column}`).join(", ")}) IS DISTINCT FROM (${sets.map(([, value]) => value).join(", ")})),
             written AS (
               INSERT INTO customers (${insertColumns})
               SELECT $1::uuid, ${insertValues.map(([column]) => `t.${column}`).join(", ")}, now() FROM target t ORDER BY t.line
               ON CONFLICT (merchant_id, lower(email)) DO UPDATE SET
                 ${sets.map(([column]) => `${column} = EXCLUDED.${column}`).join(", ")}, updated_at = now()
               RETURNING (xmax = 0) AS inserted),
             staged AS (
               INSERT INTO import_rows (line, raw, reason, email)
               SELECT i.line, i.raw, CASE WHEN i.reason IS NOT NULL THEN i.reason WHEN i.line IN (SELECT line FROM dup) THEN $4 END, i.email
                 FROM input i
               RETURNING reason)
           SELECT (SELECT count(*) FROM written WHERE inserted) AS created,
                  (SELECT count(*) FROM written WHERE NOT inserted) AS updated,
                  (SELECT count(*) FROM staged WHERE reason IS NOT NULL) AS rejected`;
    this.statementName = `import-batch-${createHash("sha256").update(this.sql).digest("hex").slice(0, 16)}`;
  }

  async apply(batch: StagingBatch) {
    if (this.custom.active) batch.refuse(await this.custom.check(batch.accepted()));
    const reasons = this.mode === "create_only" ? [this.reasons.duplicateInFile(), this.reasons.alreadyExists()] : [this.reasons.duplicateInFile()];
    // A named statement, so that it is prepared once and its generic plan used for every batch (see importFile).
    const [counts] = (
      await this.client.query<{ created: string; updated: string; rejected: string }>({ name: this.statementName, text: this.sql, values: [this.merchantId, batch.toJson(), batch.refusalsJson(), ...reasons] })
    ).rows;
    this.created += Number(counts?.created ?? 0);
    this.updated += Number(counts?.updated ?? 0);
    this.rejected += Number(counts?.rejected ?? 0);
    if (this.custom.active) this.updated += await this.custom.write(batch.accepted().map((row) => row.line));
    this.staged += batch.size;
    // Temporary tables are not analyzed automatically; fresh statistics keep the duplicate lookups on the index.
    if (this.staged >= this.analyzedAt * 2) {
      await this.client.query("ANALYZE import_rows");
      this.analyzedAt = this.staged;
    }
  }
}

/** The rejection report: line, reason, then the row exactly as the file had it, in line order. */
async function writeReport(client: pg.Client, job: DataJob, header: string[]) {
  const file = await shopFile(job.merchantId, `${job.id}-rejected.csv`);
  const writer = openCsvWriter(file.absolute);
  try {
    await writer.write([[...reportColumns, ...header]]);
    let after = 0;
    for (;;) {
      const { rows } = await client.query<{ line: number; raw: string[]; reason: string }>(
        "SELECT line, raw, reason FROM import_rows WHERE reason IS NOT NULL AND line > $1 ORDER BY line LIMIT 5000",
        [after],
      );
      if (rows.length === 0) break;
      await writer.write(
        rows.map((row) => {
          const values = [...row.raw];
          // A row with too few values is padded, so the report stays a rectangle that spreadsheets open cleanly.
          while (values.length < header.length) values.push("");
          return [String(row.line), row.reason, ...values];
        }),
      );
      after = rows[rows.length - 1]!.line;
    }
    await writer.close();
  } catch (error) {
    await writer.discard();
    throw error;
  }
  return file.relative;
}
