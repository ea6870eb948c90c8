-- "How many customers chose option X of a select/radio field": answered from an index alone (decision 015).
-- The GIN index on option_ids finds such answers, but counting them then reads every answer's heap page (7,000
-- pages for 10,000 answers at a million customers). A single chosen option is kept beside the array, by the
-- database, and indexed with the field; b-tree deduplication keeps the index small.
ALTER TABLE "custom_field_values"
  ADD COLUMN "choice" uuid GENERATED ALWAYS AS (CASE WHEN cardinality("option_ids") = 1 THEN "option_ids"[1] END) STORED;

CREATE INDEX "custom_field_values_choice_idx" ON "custom_field_values" ("merchant_id", "field_id", "choice")
  WHERE "choice" IS NOT NULL;
