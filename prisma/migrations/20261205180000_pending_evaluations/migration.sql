-- CreateTable
CREATE TABLE "pending_evaluations" (
    "merchant_id" UUID NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_evaluations_pkey" PRIMARY KEY ("merchant_id","customer_id")
);

-- CreateIndex
CREATE INDEX "pending_evaluations_merchant_id_queued_at_idx" ON "pending_evaluations"("merchant_id", "queued_at");

-- AddForeignKey
ALTER TABLE "pending_evaluations" ADD CONSTRAINT "pending_evaluations_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

SELECT app_enable_tenant_rls('pending_evaluations');

-- Evaluations queued by the per-customer jobs this table replaces are carried over.
INSERT INTO "pending_evaluations" ("merchant_id", "customer_id")
SELECT DISTINCT (payload->>'merchantId')::uuid, (payload->>'customerId')::bigint
  FROM "job_outbox"
 WHERE "queue" = 'group-evaluate' AND payload ? 'customerId'
ON CONFLICT DO NOTHING;
DELETE FROM "job_outbox" WHERE "queue" = 'group-evaluate';

-- The sweep finds shops whose evaluation job Redis lost. It runs outside any tenant, so this function (owned by the
-- migrating role, which bypasses row-level security) answers with shop ids only, never with customer rows.
CREATE FUNCTION app_shops_with_pending_evaluations(queued_before timestamptz) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT DISTINCT merchant_id FROM pending_evaluations WHERE queued_at < queued_before $$;
REVOKE ALL ON FUNCTION app_shops_with_pending_evaluations(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_shops_with_pending_evaluations(timestamptz) TO clientela_app;
