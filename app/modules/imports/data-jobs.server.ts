import { randomUUID } from "node:crypto";
import { enqueueInTransaction } from "~/jobs/outbox.server";
import type { ListFilters } from "~/modules/customers/list-query";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import type { DataJob } from "~/generated/prisma/client";
import type { Language } from "~/utils/i18n";
import { resolveShopFile } from "./files.server";
import { DataJobIdSchema, type ImportMode } from "./schemas";

/** Records an uploaded file as an import job and queues it in the same transaction (outbox, decision 003). */
export async function createImportJob(scope: TenantScope, input: { mode: ImportMode; fileName: string; filePath: string; locale: Language }) {
  const { db, merchant, actor } = scope;
  const id = randomUUID();
  await db.dataJob.create({
    data: {
      merchantId: merchant.id,
      id,
      kind: "import",
      mode: input.mode,
      fileName: input.fileName.slice(0, 255),
      filePath: input.filePath,
      locale: input.locale,
      staffId: actor.staffId,
      createdBy: actor.name,
    },
  });
  await enqueueInTransaction(db, "customer-import", { merchantId: merchant.id, dataJobId: id }, { jobId: `import-${id}` });
  return id;
}

/** Queues an export of every customer matching the list's filters (sort and paging are irrelevant: id order). */
export async function createExportJob(scope: TenantScope, input: { filters: ListFilters; locale: Language }) {
  const { db, merchant, actor } = scope;
  const id = randomUUID();
  const filters = Object.fromEntries(
    Object.entries(input.filters).filter(([key, value]) => value !== undefined && !["sort", "dir", "size", "after", "before", "count"].includes(key)),
  );
  const day = new Date().toISOString().slice(0, 10);
  await db.dataJob.create({
    data: {
      merchantId: merchant.id,
      id,
      kind: "export",
      filters,
      fileName: `customers-${merchant.slug}-${day}.csv`,
      locale: input.locale,
      staffId: actor.staffId,
      createdBy: actor.name,
    },
  });
  await enqueueInTransaction(db, "customer-export", { merchantId: merchant.id, dataJobId: id }, { jobId: `export-${id}` });
  return id;
}

export async function getDataJob({ db, merchant }: Pick<TenantScope, "db" | "merchant">, id: string | undefined) {
  const parsed = DataJobIdSchema.safeParse(id);
  if (!parsed.success) return null;
  return db.dataJob.findFirst({ where: { merchantId: merchant.id, id: parsed.data } });
}

export function listDataJobs({ db, merchant }: Pick<TenantScope, "db" | "merchant">, take = 25) {
  return db.dataJob.findMany({ where: { merchantId: merchant.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
}

/** The file a finished job offers: the export itself, or an import's rejection report. */
export function downloadOf(job: DataJob) {
  if (job.status !== "done") return null;
  if (job.kind === "export" && job.filePath) return { relative: job.filePath, name: job.fileName };
  if (job.kind === "import" && job.reportPath) return { relative: job.reportPath, name: `${job.fileName.replace(/\.csv$/i, "")}-rejected.csv` };
  return null;
}

export async function findDownload(scope: Pick<TenantScope, "db" | "merchant">, id: string | undefined) {
  const job = await getDataJob(scope, id);
  const file = job && downloadOf(job);
  if (!file) return null;
  return { absolute: resolveShopFile(scope.merchant.id, file.relative), name: file.name };
}

export interface JobView {
  id: string;
  kind: "import" | "export";
  status: "queued" | "running" | "done" | "failed";
  mode: ImportMode | null;
  fileName: string;
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  rejected: number;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  percent: number;
  etaSeconds: number | null;
  downloadable: boolean;
}

/** What the dashboard shows of a job, with percent done and an ETA from the rate so far. */
export function jobView(job: DataJob, now = Date.now()): JobView {
  const total = job.total ?? null;
  const percent = job.status === "done" ? 100 : total ? Math.min(100, Math.floor((job.processed / total) * 100)) : 0;
  let etaSeconds: number | null = null;
  if (job.status === "running" && job.startedAt && total && job.processed > 0 && job.processed < total) {
    const elapsed = (now - job.startedAt.getTime()) / 1000;
    etaSeconds = Math.max(1, Math.round((elapsed / job.processed) * (total - job.processed)));
  }
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    mode: job.mode,
    fileName: job.fileName,
    total,
    processed: job.processed,
    created: job.created,
    updated: job.updated,
    rejected: job.rejected,
    error: job.error,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    percent,
    etaSeconds,
    downloadable: downloadOf(job) !== null,
  };
}
