-- CreateEnum
CREATE TYPE "CustomFieldType" AS ENUM ('text', 'textarea', 'number', 'email', 'phone', 'url', 'date', 'time', 'datetime', 'select', 'radio', 'checkbox', 'yesno');

-- CreateEnum
CREATE TYPE "CustomFieldLocation" AS ENUM ('account', 'address');

-- CreateEnum
CREATE TYPE "CustomFieldVisibility" AS ENUM ('everywhere', 'dashboard');

-- AlterTable
ALTER TABLE "addresses" ADD COLUMN     "custom_fields" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "custom_fields" (
    "merchant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "type" "CustomFieldType" NOT NULL,
    "location" "CustomFieldLocation" NOT NULL DEFAULT 'account',
    "required_for_all" BOOLEAN NOT NULL DEFAULT false,
    "required_group_ids" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[],
    "min_length" INTEGER,
    "max_length" INTEGER,
    "min_value" DECIMAL(20,6),
    "max_value" DECIMAL(20,6),
    "pattern" TEXT,
    "pattern_message" JSONB NOT NULL DEFAULT '{}',
    "placeholder" JSONB NOT NULL DEFAULT '{}',
    "help" JSONB NOT NULL DEFAULT '{}',
    "default_value" JSONB,
    "sort_order" INTEGER NOT NULL DEFAULT 100,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "visibility" "CustomFieldVisibility" NOT NULL DEFAULT 'everywhere',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "custom_fields_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "custom_field_options" (
    "merchant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "field_id" UUID NOT NULL,
    "label" JSONB NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "custom_field_options_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "custom_field_values" (
    "merchant_id" UUID NOT NULL,
    "field_id" UUID NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "text_value" TEXT,
    "number_value" DECIMAL(20,6),
    "date_value" DATE,
    "ts_value" TIMESTAMPTZ(3),
    "bool_value" BOOLEAN,
    "option_ids" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "custom_field_values_pkey" PRIMARY KEY ("merchant_id","field_id","customer_id")
);

-- CreateIndex
CREATE INDEX "custom_fields_merchant_id_sort_order_idx" ON "custom_fields"("merchant_id", "sort_order");

-- CreateIndex
CREATE UNIQUE INDEX "custom_fields_merchant_id_key_key" ON "custom_fields"("merchant_id", "key");

-- CreateIndex
CREATE INDEX "custom_field_options_merchant_id_field_id_sort_order_idx" ON "custom_field_options"("merchant_id", "field_id", "sort_order");

-- CreateIndex
CREATE INDEX "custom_field_values_merchant_id_customer_id_idx" ON "custom_field_values"("merchant_id", "customer_id");

-- CreateIndex
CREATE INDEX "custom_field_values_merchant_id_field_id_number_value_idx" ON "custom_field_values"("merchant_id", "field_id", "number_value");

-- CreateIndex
CREATE INDEX "custom_field_values_merchant_id_field_id_date_value_idx" ON "custom_field_values"("merchant_id", "field_id", "date_value");

-- CreateIndex
CREATE INDEX "custom_field_values_merchant_id_field_id_ts_value_idx" ON "custom_field_values"("merchant_id", "field_id", "ts_value");

-- AddForeignKey
ALTER TABLE "custom_fields" ADD CONSTRAINT "custom_fields_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "custom_field_options" ADD CONSTRAINT "custom_field_options_merchant_id_field_id_fkey" FOREIGN KEY ("merchant_id", "field_id") REFERENCES "custom_fields"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "custom_field_values" ADD CONSTRAINT "custom_field_values_merchant_id_field_id_fkey" FOREIGN KEY ("merchant_id", "field_id") REFERENCES "custom_fields"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "custom_field_values" ADD CONSTRAINT "custom_field_values_merchant_id_customer_id_fkey" FOREIGN KEY ("merchant_id", "customer_id") REFERENCES "customers"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Choice answers: "has option X" (options are uuids, unique across shops and fields, so one GIN index serves all).
CREATE INDEX "custom_field_values_option_ids_idx" ON "custom_field_values" USING GIN ("option_ids");
-- Text answers: equality and prefix filters are case-insensitive.
CREATE INDEX "custom_field_values_text_idx" ON "custom_field_values" ("merchant_id", "field_id", lower("text_value") text_pattern_ops);

-- A value is stored in the one column of its field's type; the other typed columns stay empty.
ALTER TABLE "custom_field_values" ADD CONSTRAINT "custom_field_values_one_value" CHECK (
  (CASE WHEN "text_value" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN "number_value" IS NULL THEN 0 ELSE 1 END)
  + (CASE WHEN "date_value" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN "ts_value" IS NULL THEN 0 ELSE 1 END)
  + (CASE WHEN "bool_value" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN cardinality("option_ids") = 0 THEN 0 ELSE 1 END) = 1
);

-- As in 20261205150000_rls_index_conditions (decision 007): the comparisons custom-field filters use must be
-- LEAKPROOF for their indexes to serve the application role under row-level security. None of them raises an error
-- on stored values.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.arraycontains(anyarray, anyarray) LEAKPROOF;
    ALTER FUNCTION pg_catalog.arrayoverlap(anyarray, anyarray) LEAKPROOF;
    ALTER FUNCTION pg_catalog.numeric_le(numeric, numeric) LEAKPROOF;
    ALTER FUNCTION pg_catalog.numeric_ge(numeric, numeric) LEAKPROOF;
    ALTER FUNCTION pg_catalog.numeric_eq(numeric, numeric) LEAKPROOF;
    ALTER FUNCTION pg_catalog.numeric_ne(numeric, numeric) LEAKPROOF;
    ALTER FUNCTION pg_catalog.text_ge(text, text) LEAKPROOF;
    ALTER FUNCTION pg_catalog.text_lt(text, text) LEAKPROOF;
  ELSE
    RAISE WARNING 'not a superuser: custom-field filters stay correct but cannot use their indexes under row-level security';
  END IF;
END $$;

SELECT app_enable_tenant_rls(t) FROM unnest(ARRAY['custom_fields', 'custom_field_options', 'custom_field_values']::regclass[]) AS t;
