import { describe, expect, it } from "vitest";
import { createShop } from "../../../tests/factories";
import { withTenant } from "~/utils/db.server";
import { countCustomers, listCustomers, listCustomersWithCount } from "./list-customers.server";
import { parseListQuery, sortKeys } from "./list-query";

type Shop = Awaited<ReturnType<typeof createShop>>;

async function seed(shop: Shop, n: number) {
  await withTenant(shop.merchant.id, async (db) => {
    const statuses = ["active", "inactive", "blocked"] as const;
    await db.customer.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        merchantId: shop.merchant.id,
        firstName: ["Ada", "Ζωή", "Анна", "زهرا", "Ben"][i % 5]!,
        lastName: `L${i % 7}`,
        email: `c${i}@shop.example`,
        phone: i % 4 === 0 ? `+30694${String(1000000 + i)}` : null,
        status: statuses[i % 3]!,
        registrationIp: i % 3 === 0 ? null : `198.51.100.${i % 5}`,
        // Many equal timestamps, so ties must be broken by id.
        createdAt: new Date(Date.UTC(2026, 0, 1 + (i % 4))),
      })),
    });
    const ids = await db.customer.findMany({ where: { merchantId: shop.merchant.id }, select: { id: true }, orderBy: { id: "asc" } });
    for (const [i, { id }] of ids.entries()) {
      if (i % 2 === 0) {
        await db.order.create({ data: { merchantId: shop.merchant.id, customerId: id, number: `O-${i}`, status: "completed", total: (i % 6) * 10, currency: "USD" } });
      }
    }
  });
}

const query = (params: Record<string, string>) => parseListQuery(new URLSearchParams(params));

async function walk(shop: Shop, params: Record<string, string>) {
  return withTenant(shop.merchant.id, async (db) => {
    const forward: string[][] = [];
    let page = await listCustomers({ db, merchant: shop.merchant }, query(params));
    forward.push(page.customers.map((c) => c.id));
    const cursors = [page.next];
    while (page.next) {
      page = await listCustomers({ db, merchant: shop.merchant }, query({ ...params, after: page.next }));
      forward.push(page.customers.map((c) => c.id));
      cursors.push(page.next);
    }
    // …and back again with the "before" cursors.
    const backward: string[][] = [forward[forward.length - 1]!];
    while (page.prev) {
      page = await listCustomers({ db, merchant: shop.merchant }, query({ ...params, before: page.prev }));
      backward.unshift(page.customers.map((c) => c.id));
    }
    return { forward, backward };
  });
}

describe("customer list", () => {
  it("pages through every sort in both directions, forward and back, without gaps or repeats", async () => {
    const shop = await createShop();
    await seed(shop, 37);
    const all = await withTenant(shop.merchant.id, (db) => db.customer.count({ where: { merchantId: shop.merchant.id } }));
    for (const sort of sortKeys) {
      for (const dir of ["asc", "desc"] as const) {
        const { forward, backward } = await walk(shop, { sort, dir, size: "25" });
        const ids = forward.flat();
        expect(ids, `${sort} ${dir}`).toHaveLength(all);
        expect(new Set(ids).size, `${sort} ${dir} unique`).toBe(all);
        expect(backward, `${sort} ${dir} back`).toEqual(forward);
      }
    }
  });

  it("orders rows like ORDER BY would, with ties broken by id", async () => {
    const shop = await createShop();
    await seed(shop, 30);
    const { forward } = await walk(shop, { sort: "spent", dir: "desc", size: "25" });
    const expected = await withTenant(shop.merchant.id, (db) =>
      db.customerStats.findMany({ where: { merchantId: shop.merchant.id }, orderBy: [{ totalSpent: "desc" }, { customerId: "desc" }], select: { customerId: true } }),
    );
    expect(forward.flat()).toEqual(expected.map((r) => r.customerId.toString()));
  });

  it("filters by search, status, IP, phone and dates, and counts honestly", async () => {
    const shop = await createShop();
    await seed(shop, 30);
    await withTenant(shop.merchant.id, async (db) => {
      const scope = { db, merchant: shop.merchant };
      const count = async (params: Record<string, string>) => (await countCustomers(scope, query(params))).count;
      expect(await count({})).toBe(30);
      expect(await count({ q: "анна" })).toBe(6);
      expect(await count({ q: "ΖΩΉ" })).toBe(6);
      expect(await count({ q: "c1" })).toBe(11);
      expect(await count({ q: "100%" })).toBe(0);
      expect(await count({ status: "blocked" })).toBe(10);
      expect(await count({ ip: "198.51.100.1" })).toBe(4);
      expect(await count({ phone: "694100001" })).toBe(2);
      expect(await count({ from: "2026-01-02", to: "2026-01-03" })).toBe(15);
      expect(await count({ status: "nonsense" })).toBe(30);
      const capped = await countCustomers(scope, query({}), false);
      expect(capped.capped).toBe(false);
    });
  });

  it("reads a search's page and count together exactly as it reads them apart, on every page and when capped", async () => {
    const shop = await createShop();
    await seed(shop, 37);
    await withTenant(shop.merchant.id, async (db) => {
      const scope = { db, merchant: shop.merchant };
      for (const q of ["анна", "ada", "c1", "shop.example", "no such text"]) {
        for (const sort of ["created", "spent", "name"]) {
          let params: Record<string, string> = { q, sort, size: "25" };
          for (let pages = 0; pages < 3; pages++) {
            const together = await listCustomersWithCount(scope, query(params));
            expect(together.page, `${q} ${sort} page ${pages}`).toEqual(await listCustomers(scope, query(params)));
            expect(together.total, `${q} ${sort}`).toEqual(await countCustomers(scope, query(params)));
            if (!together.page.next) break;
            params = { ...params, after: together.page.next };
          }
        }
      }
      expect((await listCustomersWithCount(scope, query({ q: "анна" }))).total).toEqual({ count: 7, capped: false });
      expect((await listCustomersWithCount(scope, query({ q: "no such text" }))).page.customers).toEqual([]);

      // More than 10,000 matches: the count is capped and the page read the usual way.
      await db.$executeRaw`
        INSERT INTO customers (merchant_id, email, first_name, last_name, updated_at)
        SELECT ${shop.merchant.id}::uuid, 'many' || i || '@shop.example', 'Μαρίνα', 'Many', now() FROM generate_series(1, 10001) i`;
      const capped = await listCustomersWithCount(scope, query({ q: "μαρίνα", sort: "email" }));
      expect(capped.total).toEqual({ count: 10_000, capped: true });
      expect(capped.page).toEqual(await listCustomers(scope, query({ q: "μαρίνα", sort: "email" })));
      expect(capped.page.customers).toHaveLength(50);
    });
  });

  it("never returns another shop's customers", async () => {
    const a = await createShop();
    const b = await createShop();
    await seed(b, 5);
    const page = await withTenant(a.merchant.id, (db) => listCustomers({ db, merchant: a.merchant }, query({})));
    expect(page.customers).toEqual([]);
  });
});
