import pg from "pg";
import { describe, expect, it } from "vitest";
import { createShop, uniq } from "../../../tests/factories";
import { createCustomer } from "~/modules/customers/customers.server";
import { addRewardPoints } from "~/modules/customers/ledger.server";
import { customerSchema } from "~/modules/customers/schemas";
import { withTenant } from "~/utils/db.server";
import { createOrder, createRating, updateOrderStatus } from "./orders.server";

type Shop = Awaited<ReturnType<typeof createShop>>;
const scope = (shop: Shop, db: Parameters<Parameters<typeof withTenant>[1]>[0]) => ({ db, merchant: shop.merchant, actor: { staffId: null, name: "test" } });

async function newCustomer(shop: Shop) {
  return withTenant(shop.merchant.id, async (db) => {
    const input = customerSchema(shop.merchant.country).parse({ firstName: "Ada", lastName: "Test", email: `ada-${uniq()}@example.test` });
    const created = await createCustomer(scope(shop, db), input);
    if (!created.ok) throw new Error("customer not created");
    return created.id;
  });
}

const stats = (shop: Shop, customerId: bigint) =>
  withTenant(shop.merchant.id, (db) => db.customerStats.findFirstOrThrow({ where: { merchantId: shop.merchant.id, customerId } }));

describe("customer statistics", () => {
  it("follow orders and status changes in the same transaction", async () => {
    const shop = await createShop();
    const customerId = await newCustomer(shop);
    expect((await stats(shop, customerId)).ordersCount).toBe(0);

    const ids = await withTenant(shop.merchant.id, async (db) => {
      const s = scope(shop, db);
      const a = await createOrder(s, { number: "A-1", customerId, status: "completed", total: 100, items: [], paymentMethod: null, shippingMethod: null });
      const b = await createOrder(s, { number: "A-2", customerId, status: "processing", total: 50.5, items: [{ productRef: "SKU-1", name: "Mug", quantity: 2, price: 25.25 }], paymentMethod: "card", shippingMethod: null });
      const c = await createOrder(s, { number: "A-3", customerId, status: "pending", total: 10, items: [], paymentMethod: null, shippingMethod: null });
      return [a, b, c].map((r) => (r.ok ? r.id : 0n));
    });
    expect(await stats(shop, customerId)).toMatchObject({ ordersCount: 3, completedCount: 1, cancelledCount: 0 });
    expect((await stats(shop, customerId)).totalSpent.toString()).toBe("150.5");
    expect((await stats(shop, customerId)).avgOrderValue.toString()).toBe("75.25");

    await withTenant(shop.merchant.id, (db) => updateOrderStatus(scope(shop, db), ids[1]!, "cancelled"));
    const after = await stats(shop, customerId);
    expect(after).toMatchObject({ ordersCount: 3, completedCount: 1, cancelledCount: 1 });
    expect(after.totalSpent.toString()).toBe("100");

    await withTenant(shop.merchant.id, (db) => createRating(scope(shop, db), { customerId, stars: 4, comment: null }));
    await withTenant(shop.merchant.id, (db) => createRating(scope(shop, db), { customerId, stars: 2, comment: "late" }));
    expect((await stats(shop, customerId)).lastRating).toBe(2);
  });

  it("a duplicate order number is refused without writing anything", async () => {
    const shop = await createShop();
    const customerId = await newCustomer(shop);
    const [first, second] = await withTenant(shop.merchant.id, async (db) => [
      await createOrder(scope(shop, db), { number: "N-1", customerId, status: "completed", total: 5, items: [], paymentMethod: null, shippingMethod: null }),
      await createOrder(scope(shop, db), { number: "N-1", customerId, status: "completed", total: 7, items: [], paymentMethod: null, shippingMethod: null }),
    ]);
    expect(first?.ok).toBe(true);
    expect(second).toEqual({ ok: false, error: "numberTaken" });
    expect((await stats(shop, customerId)).totalSpent.toString()).toBe("5");
  });

  it("stay exact under concurrent order inserts and cancellations", async () => {
    const shop = await createShop();
    const customerId = await newCustomer(shop);
    const pool = new pg.Pool({ connectionString: process.env.APP_DATABASE_URL, max: 20 });
    try {
      const insert = async (i: number) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query("SELECT set_config('app.merchant_id', $1, true)", [shop.merchant.id]);
          await client.query(
            "INSERT INTO orders (merchant_id, number, customer_id, status, total, currency, updated_at) VALUES ($1, $2, $3, 'completed', 10, 'USD', now())",
            [shop.merchant.id, `C-${i}`, customerId],
          );
          if (i % 5 === 0) {
            await client.query("UPDATE orders SET status = 'cancelled' WHERE merchant_id = $1 AND number = $2", [shop.merchant.id, `C-${i}`]);
          }
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      };
      await Promise.all(Array.from({ length: 50 }, (_, i) => insert(i)));
    } finally {
      await pool.end();
    }
    const s = await stats(shop, customerId);
    expect(s).toMatchObject({ ordersCount: 50, completedCount: 40, cancelledCount: 10 });
    expect(s.totalSpent.toString()).toBe("400");
  });

  it("reward points cannot go below zero", async () => {
    const shop = await createShop();
    const customerId = await newCustomer(shop);
    await withTenant(shop.merchant.id, async (db) => {
      expect(await addRewardPoints(scope(shop, db), customerId, { description: "welcome", points: 100 })).toEqual({ ok: true, balance: 100 });
      expect(await addRewardPoints(scope(shop, db), customerId, { description: "too much", points: -150 })).toEqual({ ok: false, error: "pointsBelowZero" });
      expect(await addRewardPoints(scope(shop, db), customerId, { description: "redeem", points: -40 })).toEqual({ ok: true, balance: 60 });
    });
  });
});
