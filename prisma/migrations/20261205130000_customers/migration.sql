-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('female', 'male', 'other');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('pending', 'processing', 'shipped', 'completed', 'cancelled', 'refunded');

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "birth_date" DATE,
ADD COLUMN     "gender" "Gender",
ADD COLUMN     "last_login_at" TIMESTAMPTZ(3),
ADD COLUMN     "national_id" TEXT,
ADD COLUMN     "newsletter_at" TIMESTAMPTZ(3),
ADD COLUMN     "notes" TEXT,
ADD COLUMN     "points_balance" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "addresses" (
    "merchant_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "company" TEXT,
    "line1" TEXT NOT NULL,
    "line2" TEXT,
    "city" TEXT NOT NULL,
    "region" TEXT,
    "postcode" TEXT,
    "country" CHAR(2) NOT NULL,
    "phone" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "addresses_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "customer_comments" (
    "merchant_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "staff_id" UUID,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_comments_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "customer_transactions" (
    "merchant_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "description" TEXT NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "order_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_transactions_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "reward_points" (
    "merchant_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "description" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "order_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reward_points_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "customer_ips" (
    "merchant_id" UUID NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "ip" INET NOT NULL,
    "country" CHAR(2),
    "first_seen" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "login_count" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "customer_ips_pkey" PRIMARY KEY ("merchant_id","customer_id","ip")
);

-- CreateTable
CREATE TABLE "orders" (
    "merchant_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "status" "OrderStatus" NOT NULL DEFAULT 'pending',
    "total" DECIMAL(14,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "payment_method" TEXT,
    "shipping_method" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "order_items" (
    "merchant_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "order_id" BIGINT NOT NULL,
    "product_ref" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "price" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "order_items_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "store_ratings" (
    "merchant_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "stars" SMALLINT NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "store_ratings_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateTable
CREATE TABLE "customer_stats" (
    "merchant_id" UUID NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "orders_count" INTEGER NOT NULL DEFAULT 0,
    "completed_count" INTEGER NOT NULL DEFAULT 0,
    "cancelled_count" INTEGER NOT NULL DEFAULT 0,
    "total_spent" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "avg_order_value" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "first_order_at" TIMESTAMPTZ(3),
    "last_order_at" TIMESTAMPTZ(3),
    "last_rating" SMALLINT,
    "last_rating_at" TIMESTAMPTZ(3),

    CONSTRAINT "customer_stats_pkey" PRIMARY KEY ("merchant_id","customer_id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "merchant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_by" TEXT,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("merchant_id","id")
);

-- CreateIndex
CREATE INDEX "addresses_merchant_id_customer_id_idx" ON "addresses"("merchant_id", "customer_id");

-- CreateIndex
CREATE INDEX "customer_comments_merchant_id_customer_id_created_at_idx" ON "customer_comments"("merchant_id", "customer_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "customer_transactions_merchant_id_customer_id_created_at_id_idx" ON "customer_transactions"("merchant_id", "customer_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "reward_points_merchant_id_customer_id_created_at_id_idx" ON "reward_points"("merchant_id", "customer_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "customer_ips_merchant_id_ip_idx" ON "customer_ips"("merchant_id", "ip");

-- CreateIndex
CREATE INDEX "orders_merchant_id_customer_id_created_at_idx" ON "orders"("merchant_id", "customer_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "orders_merchant_id_number_key" ON "orders"("merchant_id", "number");

-- CreateIndex
CREATE INDEX "order_items_merchant_id_order_id_idx" ON "order_items"("merchant_id", "order_id");

-- CreateIndex
CREATE INDEX "order_items_merchant_id_product_ref_idx" ON "order_items"("merchant_id", "product_ref");

-- CreateIndex
CREATE INDEX "store_ratings_merchant_id_customer_id_created_at_idx" ON "store_ratings"("merchant_id", "customer_id", "created_at");

-- CreateIndex
CREATE INDEX "customer_stats_merchant_id_orders_count_customer_id_idx" ON "customer_stats"("merchant_id", "orders_count", "customer_id");

-- CreateIndex
CREATE INDEX "customer_stats_merchant_id_total_spent_customer_id_idx" ON "customer_stats"("merchant_id", "total_spent", "customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_merchant_id_secret_hash_key" ON "api_keys"("merchant_id", "secret_hash");

-- CreateIndex
CREATE INDEX "customers_merchant_id_status_id_idx" ON "customers"("merchant_id", "status", "id");

-- CreateIndex
CREATE INDEX "customers_merchant_id_approval_id_idx" ON "customers"("merchant_id", "approval", "id");

-- CreateIndex
CREATE INDEX "customers_merchant_id_registration_ip_id_idx" ON "customers"("merchant_id", "registration_ip", "id");

-- AddForeignKey
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_merchant_id_customer_id_fkey" FOREIGN KEY ("merchant_id", "customer_id") REFERENCES "customers"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_comments" ADD CONSTRAINT "customer_comments_merchant_id_customer_id_fkey" FOREIGN KEY ("merchant_id", "customer_id") REFERENCES "customers"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_transactions" ADD CONSTRAINT "customer_transactions_merchant_id_customer_id_fkey" FOREIGN KEY ("merchant_id", "customer_id") REFERENCES "customers"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reward_points" ADD CONSTRAINT "reward_points_merchant_id_customer_id_fkey" FOREIGN KEY ("merchant_id", "customer_id") REFERENCES "customers"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_ips" ADD CONSTRAINT "customer_ips_merchant_id_customer_id_fkey" FOREIGN KEY ("merchant_id", "customer_id") REFERENCES "customers"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_merchant_id_customer_id_fkey" FOREIGN KEY ("merchant_id", "customer_id") REFERENCES "customers"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_merchant_id_order_id_fkey" FOREIGN KEY ("merchant_id", "order_id") REFERENCES "orders"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_ratings" ADD CONSTRAINT "store_ratings_merchant_id_customer_id_fkey" FOREIGN KEY ("merchant_id", "customer_id") REFERENCES "customers"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_stats" ADD CONSTRAINT "customer_stats_merchant_id_customer_id_fkey" FOREIGN KEY ("merchant_id", "customer_id") REFERENCES "customers"("merchant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Substring search over name, e-mail and phone: one trigram index per shop (btree_gin puts merchant_id in it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE FUNCTION customer_search_text(first_name text, last_name text, email text, phone text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(phone, '')) $$;

CREATE INDEX "customers_search_idx" ON "customers"
  USING gin ("merchant_id", customer_search_text("first_name", "last_name", "email", "phone") gin_trgm_ops);

-- Keyset sorts that Prisma cannot declare.
CREATE INDEX "customers_name_sort_idx" ON "customers" ("merchant_id", lower("first_name" || ' ' || "last_name"), "id");
CREATE INDEX "customers_phone_idx" ON "customers" ("merchant_id", "phone");

-- Integrity rules.
ALTER TABLE "customers" ADD CONSTRAINT "customers_points_balance_non_negative" CHECK ("points_balance" >= 0);
ALTER TABLE "store_ratings" ADD CONSTRAINT "store_ratings_stars_range" CHECK ("stars" BETWEEN 1 AND 5);
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_non_negative" CHECK ("total" >= 0);
CREATE UNIQUE INDEX "addresses_one_default_idx" ON "addresses" ("merchant_id", "customer_id") WHERE "is_default";

-- Every customer has a statistics row from the start, so list sorts on orders and spending are plain joins.
CREATE FUNCTION customers_create_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_stats (merchant_id, customer_id)
  SELECT merchant_id, id FROM new_customers
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER customers_create_stats AFTER INSERT ON "customers"
  REFERENCING NEW TABLE AS new_customers FOR EACH STATEMENT EXECUTE FUNCTION customers_create_stats();
INSERT INTO customer_stats (merchant_id, customer_id) SELECT merchant_id, id FROM customers ON CONFLICT DO NOTHING;

-- Statistics are recomputed for the customers a statement touched, in the same transaction (decision 004).
-- The customer rows are locked first (in id order; NO KEY UPDATE does not conflict with the foreign-key checks' KEY SHARE): a concurrent transaction changing the same
-- customer's orders waits, and the aggregate then runs in a fresh snapshot that includes its committed orders.
CREATE FUNCTION refresh_customer_stats(p_merchant uuid, p_customers bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM customers WHERE merchant_id = p_merchant AND id = ANY (p_customers) ORDER BY id FOR NO KEY UPDATE;
  UPDATE customer_stats s SET
      orders_count = a.orders_count,
      completed_count = a.completed_count,
      cancelled_count = a.cancelled_count,
      total_spent = a.total_spent,
      avg_order_value = a.avg_order_value,
      first_order_at = a.first_order_at,
      last_order_at = a.last_order_at
    FROM (
      SELECT c.id AS customer_id,
             count(o.id)::int AS orders_count,
             (count(o.id) FILTER (WHERE o.status = 'completed'))::int AS completed_count,
             (count(o.id) FILTER (WHERE o.status = 'cancelled'))::int AS cancelled_count,
             coalesce(sum(o.total) FILTER (WHERE o.status IN ('processing', 'shipped', 'completed')), 0) AS total_spent,
             coalesce(round(avg(o.total) FILTER (WHERE o.status IN ('processing', 'shipped', 'completed')), 2), 0) AS avg_order_value,
             min(o.created_at) AS first_order_at,
             max(o.created_at) AS last_order_at
        FROM unnest(p_customers) AS c(id)
        LEFT JOIN orders o ON o.merchant_id = p_merchant AND o.customer_id = c.id
       GROUP BY c.id
    ) a
   WHERE s.merchant_id = p_merchant AND s.customer_id = a.customer_id;
END
$$;

-- Transition tables exist per event, so each event has its own small trigger function.
CREATE FUNCTION orders_stats_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT merchant_id, array_agg(DISTINCT customer_id ORDER BY customer_id) AS ids FROM new_orders GROUP BY merchant_id LOOP
    PERFORM refresh_customer_stats(r.merchant_id, r.ids);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE FUNCTION orders_stats_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT merchant_id, array_agg(DISTINCT customer_id ORDER BY customer_id) AS ids
      FROM (SELECT merchant_id, customer_id FROM new_orders UNION ALL SELECT merchant_id, customer_id FROM old_orders) t
     GROUP BY merchant_id
  LOOP
    PERFORM refresh_customer_stats(r.merchant_id, r.ids);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE FUNCTION orders_stats_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT merchant_id, array_agg(DISTINCT customer_id ORDER BY customer_id) AS ids FROM old_orders GROUP BY merchant_id LOOP
    PERFORM refresh_customer_stats(r.merchant_id, r.ids);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER orders_stats_insert AFTER INSERT ON "orders"
  REFERENCING NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION orders_stats_after_insert();
CREATE TRIGGER orders_stats_update AFTER UPDATE ON "orders"
  REFERENCING NEW TABLE AS new_orders OLD TABLE AS old_orders FOR EACH STATEMENT EXECUTE FUNCTION orders_stats_after_update();
CREATE TRIGGER orders_stats_delete AFTER DELETE ON "orders"
  REFERENCING OLD TABLE AS old_orders FOR EACH STATEMENT EXECUTE FUNCTION orders_stats_after_delete();

-- The last store rating, kept the same way.
CREATE FUNCTION refresh_customer_rating(p_merchant uuid, p_customers bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM customers WHERE merchant_id = p_merchant AND id = ANY (p_customers) ORDER BY id FOR NO KEY UPDATE;
  UPDATE customer_stats s SET last_rating = r.stars, last_rating_at = r.created_at
    FROM unnest(p_customers) AS c(id)
    LEFT JOIN LATERAL (
      SELECT stars, created_at FROM store_ratings
       WHERE merchant_id = p_merchant AND customer_id = c.id
       ORDER BY created_at DESC, id DESC LIMIT 1
    ) r ON true
   WHERE s.merchant_id = p_merchant AND s.customer_id = c.id;
END
$$;

CREATE FUNCTION ratings_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT merchant_id, array_agg(DISTINCT customer_id ORDER BY customer_id) AS ids FROM new_ratings GROUP BY merchant_id LOOP
    PERFORM refresh_customer_rating(r.merchant_id, r.ids);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE FUNCTION ratings_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT merchant_id, array_agg(DISTINCT customer_id ORDER BY customer_id) AS ids FROM old_ratings GROUP BY merchant_id LOOP
    PERFORM refresh_customer_rating(r.merchant_id, r.ids);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER ratings_stats_insert AFTER INSERT ON "store_ratings"
  REFERENCING NEW TABLE AS new_ratings FOR EACH STATEMENT EXECUTE FUNCTION ratings_after_insert();
CREATE TRIGGER ratings_stats_delete AFTER DELETE ON "store_ratings"
  REFERENCING OLD TABLE AS old_ratings FOR EACH STATEMENT EXECUTE FUNCTION ratings_after_delete();

-- Reward points: the balance lives on the customer row, whose CHECK refuses a balance below zero.
CREATE FUNCTION reward_points_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE customers SET points_balance = points_balance + NEW.points
   WHERE merchant_id = NEW.merchant_id AND id = NEW.customer_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER reward_points_apply AFTER INSERT ON "reward_points" FOR EACH ROW EXECUTE FUNCTION reward_points_apply();

SELECT app_enable_tenant_rls(t)
  FROM unnest(ARRAY['addresses', 'customer_comments', 'customer_transactions', 'reward_points', 'customer_ips',
                    'orders', 'order_items', 'store_ratings', 'customer_stats', 'api_keys']::regclass[]) AS t;
