-- CreateEnum
CREATE TYPE "GroupKind" AS ENUM ('manual', 'automatic', 'hybrid');

-- CreateEnum
CREATE TYPE "MembershipSource" AS ENUM ('criteria', 'manual');

-- CreateEnum
CREATE TYPE "MembershipChange" AS ENUM ('joined', 'left');

-- CreateEnum
CREATE TYPE "MembershipReason" AS ENUM ('criteria', 'manual', 'recompute');

-- CreateEnum
CREATE TYPE "RecomputeStatus" AS ENUM ('running', 'done', 'failed');

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "pinned_group_id" UUID;

-- CreateTable
CREATE TABLE "customer_groups" (
    "merchant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" JSONB NOT NULL,
    "description" JSONB NOT NULL DEFAULT '{}',
    "color" TEXT NOT NULL DEFAULT '#3f51d6',
    "sort_order" INTEGER NOT NULL DEFAULT 100,
    "kind" "GroupKind" NOT NULL,
    "criteria" JSONB,
    "criteria_version" INTEGER NOT NULL DEFAULT 0,
    "needs_approval" BOOLEAN NOT NULL DEFAULT false,
    "selectable_at_signup" BOOLEAN NOT NULL DEFAULT false,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "member_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_groups_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "group_members" (
    "merchant_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "source" "MembershipSource" NOT NULL,
    "criteria_version" INTEGER,
    "added_by" TEXT,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_members_pkey" PRIMARY KEY ("merchant_id","group_id","customer_id")
);

-- CreateTable
CREATE TABLE "group_exclusions" (
    "merchant_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "added_by" TEXT,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_exclusions_pkey" PRIMARY KEY ("merchant_id","group_id","customer_id")
);

-- CreateTable
CREATE TABLE "group_membership_events" (
    "merchant_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "group_id" UUID NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "change" "MembershipChange" NOT NULL,
    "reason" "MembershipReason" NOT NULL,
    "criteria_version" INTEGER,
    "actor" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_membership_events_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "group_recomputes" (
    "merchant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "group_id" UUID NOT NULL,
    "criteria_version" INTEGER NOT NULL,
    "reason" "MembershipReason" NOT NULL,
    "status" "RecomputeStatus" NOT NULL DEFAULT 'running',
    "cursor" BIGINT NOT NULL DEFAULT 0,
    "max_id" BIGINT NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "group_recomputes_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateIndex
CREATE INDEX "customer_groups_merchant_id_sort_order_idx" ON "customer_groups"("merchant_id", "sort_order");

-- CreateIndex
CREATE INDEX "group_members_merchant_id_customer_id_idx" ON "group_members"("merchant_id", "customer_id");

-- CreateIndex
CREATE INDEX "group_membership_events_merchant_id_group_id_at_idx" ON "group_membership_events"("merchant_id", "group_id", "at");

-- CreateIndex
CREATE INDEX "group_membership_events_merchant_id_customer_id_at_idx" ON "group_membership_events"("merchant_id", "customer_id", "at");

-- CreateIndex
CREATE INDEX "group_recomputes_merchant_id_group_id_started_at_idx" ON "group_recomputes"("merchant_id", "group_id", "started_at" DESC);

-- AddForeignKey
ALTER TABLE "customer_groups" ADD CONSTRAINT "customer_groups_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_merchant_id_group_id_fkey" FOREIGN KEY ("merchant_id", "group_id") REFERENCES "customer_groups"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_merchant_id_customer_id_fkey" FOREIGN KEY ("merchant_id", "customer_id") REFERENCES "customers"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_exclusions" ADD CONSTRAINT "group_exclusions_merchant_id_group_id_fkey" FOREIGN KEY ("merchant_id", "group_id") REFERENCES "customer_groups"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_recomputes" ADD CONSTRAINT "group_recomputes_merchant_id_group_id_fkey" FOREIGN KEY ("merchant_id", "group_id") REFERENCES "customer_groups"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One default group per shop.
CREATE UNIQUE INDEX "customer_groups_one_default_idx" ON "customer_groups" ("merchant_id") WHERE "is_default";

SELECT app_enable_tenant_rls(t)
  FROM unnest(ARRAY['customer_groups', 'group_members', 'group_exclusions', 'group_membership_events', 'group_recomputes']::regclass[]) AS t;
