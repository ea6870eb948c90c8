-- CreateEnum
CREATE TYPE "DataJobKind" AS ENUM ('import', 'export');

-- CreateEnum
CREATE TYPE "DataJobStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateEnum
CREATE TYPE "ImportMode" AS ENUM ('create_only', 'update_or_create');

-- CreateTable
CREATE TABLE "data_jobs" (
    "merchant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "DataJobKind" NOT NULL,
    "status" "DataJobStatus" NOT NULL DEFAULT 'queued',
    "mode" "ImportMode",
    "filters" JSONB,
    "file_name" TEXT NOT NULL,
    "file_path" TEXT,
    "total" INTEGER,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "report_path" TEXT,
    "error" TEXT,
    "locale" TEXT NOT NULL,
    "staff_id" UUID,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "data_jobs_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateIndex
CREATE INDEX "data_jobs_merchant_id_created_at_idx" ON "data_jobs"("merchant_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "data_jobs" ADD CONSTRAINT "data_jobs_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- An import always has a mode; an export never does.
ALTER TABLE "data_jobs" ADD CONSTRAINT "data_jobs_mode_only_for_imports" CHECK (("kind" = 'import') = ("mode" IS NOT NULL));

SELECT app_enable_tenant_rls('data_jobs');
