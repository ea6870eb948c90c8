import { describe, expect, it } from "vitest";
import { addCustomers, uniq } from "../../../tests/factories";
import { createApiKey, revokeApiKey } from "~/modules/api-keys/api-keys.server";
import { withTenant } from "~/utils/db.server";
import { apiHandler, ok } from "./handler.server";
import { API_RATE_LIMIT } from "./rate-limit.server";
import {
  AddressResource,
  CustomerList,
  CustomerResource,
  ErrorResponse,
  OrderResource,
  RatingResource,
  RewardPointsCreated,
  RewardPointsList,
  TransactionCreated,
  TransactionList,
  ValidationErrorResponse,
} from "./resources";
import { call, client, shopWithKey, text } from "./test-client";

const owner = { staffId: null, name: "Owner" };


type Api = ReturnType<typeof client>;
type Result = Awaited<ReturnType<typeof call>>;

const customerBody = (overrides: Record<string, unknown> = {}) => ({ firstName: "Ada", lastName: "Lovelace", email: `ada-${uniq()}@example.test`, ...overrides });

async function newCustomer(api: Api, overrides: Record<string, unknown> = {}) {
  const res = await api.post("/customers", customerBody(overrides));
  expect(res.status).toBe(201);
  return CustomerResource.parse(res.body);
}

const addressBody = (overrides: Record<string, unknown> = {}) => ({ firstName: "Ada", lastName: "Lovelace", line1: "1 Main St", city: "London", country: "GB", ...overrides });

function expectError(res: Result, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(ErrorResponse.parse(res.body).error.code).toBe(code);
}

function expectInvalid(res: Result, paths: string[]) {
  expect(res.status).toBe(422);
  const { errors } = ValidationErrorResponse.parse(res.body);
  expect(errors.map((e) => e.path).sort()).toEqual([...paths].sort());
  return errors;
}

describe("API authentication", () => {
  it("answers 401 without a key, or with a malformed, unknown or revoked one", async () => {
    const { shop, key, keyId, api } = await shopWithKey();
    expect((await api.get("/customers")).status).toBe(200);

    const tampered = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    for (const auth of [null, "nonsense", `clt_${shop.merchant.slug}_short`, tampered]) {
      const res = await call("GET", "/customers", { key: auth });
      expectError(res, 401, "unauthorized");
      expect(res.body.error.message).toBe(text("en", "api", "errors.unauthorized"));
      expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    }
    const russian = await call("GET", "/customers", { key: tampered, headers: { "Accept-Language": "ru" } });
    expect(russian.body.error.message).toBe(text("ru", "api", "errors.unauthorized"));

    await withTenant(shop.merchant.id, (db) => revokeApiKey({ db, merchant: shop.merchant, actor: owner }, keyId));
    expectError(await api.get("/customers"), 401, "unauthorized");
    expectError(await api.post("/customers", customerBody()), 401, "unauthorized");
    const count = await withTenant(shop.merchant.id, (db) => db.customer.count({ where: { merchantId: shop.merchant.id } }));
    expect(count).toBe(0);
  });

  it("acts as the key in the audit trail", async () => {
    const { shop, api } = await shopWithKey("Warehouse sync");
    const customer = await newCustomer(api);
    const activity = await withTenant(shop.merchant.id, (db) =>
      db.activity.findFirstOrThrow({ where: { merchantId: shop.merchant.id, action: "customer.created", subject: `#${customer.id}` } }),
    );
    expect(activity).toMatchObject({ staffId: null, actorName: "API key Warehouse sync" });
  });
});

describe("API rate limit", () => {
  it("answers 429 with Retry-After once a key has used its window, without running the handler", async () => {
    const { shop, key } = await shopWithKey();
    const other = await withTenant(shop.merchant.id, (db) => createApiKey({ db, merchant: shop.merchant, actor: owner }, "Other"));
    const limit = { requests: 3, windowSeconds: 3600 };
    let runs = 0;
    const send = (k: string) =>
      apiHandler(new Request("http://localhost/api/v1/ping", { headers: { Authorization: `Bearer ${k}` } }), async () => ok({ run: ++runs }), { rateLimit: limit });

    for (const remaining of ["2", "1", "0"]) {
      const res = await send(key);
      expect(res.status).toBe(200);
      expect(res.headers.get("X-RateLimit-Remaining")).toBe(remaining);
    }
    const limited = await send(key);
    expect(limited.status).toBe(429);
    expect((await limited.json()) as unknown).toMatchObject({ error: { code: "rate_limited", message: text("en", "api", "errors.rate_limited") } });
    const retryAfter = limited.headers.get("Retry-After");
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(limit.windowSeconds);
    expect(runs).toBe(3);
    // The limit is per key.
    expect((await send(other.key)).status).toBe(200);
    expect(runs).toBe(4);
  });

  it("applies the default limit to the routes", async () => {
    const { api } = await shopWithKey();
    const res = await api.get("/customers");
    expect(res.headers.get("X-RateLimit-Limit")).toBe(String(API_RATE_LIMIT.requests));
    expect(res.headers.get("X-RateLimit-Remaining")).toBe(String(API_RATE_LIMIT.requests - 1));
  });
});

describe("API requests", () => {
  it("answers 405 with Allow for methods a path does not have", async () => {
    const { api } = await shopWithKey();
    const put = await api.put("/customers/1", customerBody());
    expectError(put, 405, "method_not_allowed");
    expect(put.headers.get("Allow")).toBe("GET, PATCH, DELETE, HEAD");
    const list = await api.get("/orders");
    expectError(list, 405, "method_not_allowed");
    expect(list.headers.get("Allow")).toBe("POST");
    expectError(await api.delete("/customers"), 405, "method_not_allowed");
    expectError(await api.post("/api/v1/openapi.json", {}), 405, "method_not_allowed");
  });

  it("answers 400 for malformed JSON, 415 for other bodies, 413 for huge ones, and writes nothing", async () => {
    const { shop, key } = await shopWithKey();
    const malformed = await call("POST", "/customers", { key, rawBody: '{"firstName": "Ada",' });
    expectError(malformed, 400, "bad_request");
    expect(malformed.body.error.message).toBe(text("en", "api", "errors.malformedJson"));
    const form = await call("POST", "/customers", { key, rawBody: "firstName=Ada", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expectError(form, 415, "unsupported_media_type");
    const huge = await call("POST", "/customers", { key, body: customerBody({ notes: "x".repeat(1024 * 1024) }) });
    expectError(huge, 413, "payload_too_large");
    // JSON that is not an object fails validation at the body itself.
    expectInvalid(await call("POST", "/customers", { key, rawBody: "[1, 2]" }), [""]);
    const count = await withTenant(shop.merchant.id, (db) => db.customer.count({ where: { merchantId: shop.merchant.id } }));
    expect(count).toBe(0);
  });

  it("answers 404 for ids that are not numbers", async () => {
    const { api } = await shopWithKey();
    expectError(await api.get("/customers/abc"), 404, "not_found");
    expectError(await api.get("/customers/0"), 404, "not_found");
    expectError(await api.get("/customers/99999999999999999999999"), 404, "not_found");
    expectError(await api.get("/orders/1e3"), 404, "not_found");
  });
});

describe("API customers", () => {
  it("creates (201 + Location), reads, updates partially and deletes (204) a customer", async () => {
    const { api } = await shopWithKey();
    const email = `Grace-${uniq()}@Example.test`;
    const res = await api.post("/customers", { firstName: " Grace ", lastName: "Hopper", email, phone: "+30 210 123 4567", notes: "VIP", birthDate: "1906-12-09" });
    expect(res.status).toBe(201);
    const created = CustomerResource.parse(res.body);
    expect(created.id).toMatch(/^\d+$/);
    expect(typeof res.body.id).toBe("string");
    expect(res.headers.get("Location")).toBe(`/api/v1/customers/${created.id}`);
    expect(created).toMatchObject({
      firstName: "Grace",
      email: email.toLowerCase(),
      phone: "+302101234567",
      birthDate: "1906-12-09",
      status: "active",
      approval: "approved",
      newsletter: false,
      notes: "VIP",
      addresses: [],
      stats: { ordersCount: 0, totalSpent: "0.00", lastRating: null },
    });

    const read = await api.get(res.headers.get("Location")!);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);

    const patched = await api.patch(`/customers/${created.id}`, { lastName: "Murray Hopper", status: "blocked" });
    expect(patched.status).toBe(200);
    expect(CustomerResource.parse(patched.body)).toMatchObject({
      firstName: "Grace",
      lastName: "Murray Hopper",
      email: email.toLowerCase(),
      phone: "+302101234567",
      birthDate: "1906-12-09",
      notes: "VIP",
      status: "blocked",
    });
    const cleared = await api.patch(`/customers/${created.id}`, { notes: null, phone: null, newsletter: true });
    expect(cleared.body).toMatchObject({ notes: null, phone: null, newsletter: true, lastName: "Murray Hopper" });
    expect(cleared.body.newsletterAt).toMatch(/^\d{4}-/);
    expectInvalid(await api.patch(`/customers/${created.id}`, { email: "not-an-email", firstName: "" }), ["email", "firstName"]);
    expectInvalid(await api.patch(`/customers/${created.id}`, { lastName: null }), ["lastName"]);
    expect((await api.get(`/customers/${created.id}`)).body).toMatchObject({ firstName: "Grace", lastName: "Murray Hopper" });

    const deleted = await api.delete(`/customers/${created.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expectError(await api.get(`/customers/${created.id}`), 404, "not_found");
    expectError(await api.delete(`/customers/${created.id}`), 404, "not_found");
    expectError(await api.patch(`/customers/${created.id}`, { firstName: "X" }), 404, "not_found");
  });

  it("answers 409 when the e-mail belongs to another customer of the shop", async () => {
    const { api } = await shopWithKey();
    const first = await newCustomer(api);
    const second = await newCustomer(api);
    const duplicate = await api.post("/customers", customerBody({ email: first.email.toUpperCase() }));
    expectError(duplicate, 409, "conflict");
    expect(duplicate.body.error).toMatchObject({ path: "email", message: text("en", "validation", "customerEmailTaken") });
    const taken = await api.patch(`/customers/${second.id}`, { email: first.email });
    expectError(taken, 409, "conflict");
    expect((await api.get(`/customers/${second.id}`)).body.email).toBe(second.email);
    // Another shop may have a customer with the same e-mail.
    const other = await shopWithKey();
    expect((await other.api.post("/customers", customerBody({ email: first.email }))).status).toBe(201);
  });

  it("answers 422 with every invalid field, in the language of Accept-Language", async () => {
    const { api, key } = await shopWithKey();
    const missing = expectInvalid(await api.post("/customers", {}), ["firstName", "lastName", "email"]);
    for (const error of missing) expect(error.message).toBe(text("en", "validation", "required"));

    const persian = await call("POST", "/customers", { key, body: customerBody({ email: "not-an-email" }), headers: { "Accept-Language": "fa-IR,fa;q=0.9,en;q=0.5" } });
    const [error] = expectInvalid(persian, ["email"]);
    expect(error!.message).toBe(text("fa", "validation", "email"));
    expect(error!.message).not.toBe(text("en", "validation", "email"));

    const long = expectInvalid(await api.post("/customers", customerBody({ firstName: "x".repeat(101), status: "gone" })), ["firstName", "status"]);
    expect(long.find((e) => e.path === "firstName")!.message).toBe(text("en", "validation", "tooLong_other").replace("{{max}}", "100"));
    expect(long.find((e) => e.path === "status")!.message).toBe(text("en", "validation", "choose"));
  });

  it("lists with the dashboard's filters, sort and cursor pages", async () => {
    const { shop, api } = await shopWithKey();
    await addCustomers(shop.merchant.id, 30);
    const all = new Set<string>();

    const first = await api.get("/customers?sort=email&dir=asc&size=25");
    expect(first.status).toBe(200);
    const page1 = CustomerList.parse(first.body);
    expect(page1.data).toHaveLength(25);
    expect(page1.prev).toBeNull();
    expect(page1.next).toEqual(expect.any(String));
    expect(page1.count).toEqual({ value: 30, capped: false });

    const second = CustomerList.parse((await api.get(`/customers?sort=email&dir=asc&size=25&after=${encodeURIComponent(page1.next!)}`)).body);
    expect(second.data).toHaveLength(5);
    expect(second.next).toBeNull();
    expect(second.prev).toEqual(expect.any(String));
    for (const c of [...page1.data, ...second.data]) all.add(c.id);
    expect(all.size).toBe(30);
    const emails = [...page1.data, ...second.data].map((c) => c.email);
    expect(emails).toEqual([...emails].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const back = CustomerList.parse((await api.get(`/customers?sort=email&dir=asc&size=25&before=${encodeURIComponent(second.prev!)}`)).body);
    expect(back.data.map((c) => c.id)).toEqual(page1.data.map((c) => c.id));

    const target = page1.data[7]!;
    await api.patch(`/customers/${target.id}`, { status: "blocked" });
    const blocked = CustomerList.parse((await api.get("/customers?status=blocked")).body);
    expect(blocked.data.map((c) => c.id)).toEqual([target.id]);
    expect(blocked.count).toEqual({ value: 1, capped: false });
    const searched = CustomerList.parse((await api.get(`/customers?q=${encodeURIComponent(target.email)}&count=exact`)).body);
    expect(searched.data.map((c) => c.id)).toEqual([target.id]);

    const other = await shopWithKey();
    expect(CustomerList.parse((await other.api.get("/customers")).body)).toEqual({ data: [], next: null, prev: null, count: { value: 0, capped: false } });
  });
});

describe("API addresses", () => {
  it("adds, lists, updates and removes addresses, keeping one default", async () => {
    const { api } = await shopWithKey();
    const customer = await newCustomer(api);
    const base = `/customers/${customer.id}/addresses`;
    expectInvalid(await api.post(base, {}), ["firstName", "lastName", "line1", "city", "country"]);

    const home = await api.post(base, addressBody({ company: "", country: "gb" }));
    expect(home.status).toBe(201);
    const homeAddress = AddressResource.parse(home.body);
    expect(homeAddress).toMatchObject({ customerId: customer.id, country: "GB", company: null, isDefault: true });
    expect(home.headers.get("Location")).toBe(`/api/v1${base}/${homeAddress.id}`);
    const work = AddressResource.parse((await api.post(base, addressBody({ line1: "2 Work Rd" }))).body);
    expect(work.isDefault).toBe(false);

    const moved = await api.patch(`${base}/${work.id}`, { isDefault: true });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: work.id, line1: "2 Work Rd", city: "London", isDefault: true });
    const list = (await api.get(base)).body as { data: unknown[] };
    expect(list.data.map((a) => AddressResource.parse(a)).map((a) => [a.id, a.isDefault])).toEqual([
      [work.id, true],
      [homeAddress.id, false],
    ]);
    expectInvalid(await api.patch(`${base}/${homeAddress.id}`, { city: "", country: "Greece" }), ["city", "country"]);
    expect((await api.get(`${base}/${homeAddress.id}`)).body).toMatchObject({ city: "London", country: "GB" });

    expect((await api.delete(`${base}/${work.id}`)).status).toBe(204);
    expectError(await api.get(`${base}/${work.id}`), 404, "not_found");
    expect((await api.get(`${base}/${homeAddress.id}`)).body.isDefault).toBe(true);
    expect(CustomerResource.parse((await api.get(`/customers/${customer.id}`)).body).addresses.map((a) => a.id)).toEqual([homeAddress.id]);

    // An address of another customer of the same shop is not found under this one.
    const other = await newCustomer(api);
    expectError(await api.get(`/customers/${other.id}/addresses/${homeAddress.id}`), 404, "not_found");
    expectError(await api.patch(`/customers/${other.id}/addresses/${homeAddress.id}`, { city: "Paris" }), 404, "not_found");
    expectError(await api.delete(`/customers/${other.id}/addresses/${homeAddress.id}`), 404, "not_found");
    expectError(await api.get("/customers/999999999/addresses"), 404, "not_found");
    expectError(await api.post("/customers/999999999/addresses", addressBody()), 404, "not_found");
  });
});

describe("API orders and ratings", () => {
  it("records orders with items, refuses a taken number (409) and changes the status", async () => {
    const { shop, api } = await shopWithKey();
    const customer = await newCustomer(api);
    const body = { number: "W-1001", customerId: customer.id, total: 50.5, paymentMethod: "card", items: [{ productRef: "SKU-1", name: "Mug", quantity: 2, price: 25.25 }] };
    const res = await api.post("/orders", body);
    expect(res.status).toBe(201);
    const order = OrderResource.parse(res.body);
    expect(order).toMatchObject({ number: "W-1001", customerId: customer.id, status: "pending", total: "50.50", currency: shop.merchant.currency, paymentMethod: "card", shippingMethod: null });
    expect(order.items).toEqual([{ id: expect.stringMatching(/^\d+$/), productRef: "SKU-1", name: "Mug", quantity: 2, price: "25.25" }]);
    expect(res.headers.get("Location")).toBe(`/api/v1/orders/${order.id}`);
    expect((await api.get(`/orders/${order.id}`)).body).toEqual(res.body);

    const duplicate = await api.post("/orders", { ...body, customerId: Number(customer.id) });
    expectError(duplicate, 409, "conflict");
    expect(duplicate.body.error).toMatchObject({ path: "number", message: text("en", "api", "errors.orderNumberTaken") });

    const completed = await api.patch(`/orders/${order.id}`, { status: "completed" });
    expect(completed.status).toBe(200);
    expect(OrderResource.parse(completed.body).status).toBe("completed");
    expectInvalid(await api.patch(`/orders/${order.id}`, { status: "lost" }), ["status"]);
    expect(CustomerResource.parse((await api.get(`/customers/${customer.id}`)).body).stats).toMatchObject({ ordersCount: 1, completedCount: 1, totalSpent: "50.50" });

    expectInvalid(await api.post("/orders", { ...body, number: "W-1002", items: [{ productRef: "SKU-1", name: "Mug", quantity: 0, price: -1 }] }), [
      "items.0.quantity",
      "items.0.price",
    ]);
    const unknown = expectInvalid(await api.post("/orders", { ...body, number: "W-1003", customerId: "999999999" }), ["customerId"]);
    expect(unknown[0]!.message).toBe(text("en", "api", "errors.customerNotFound"));
    expectInvalid(await api.post("/orders", { ...body, number: "W-1004", customerId: "99999999999999999999999" }), ["customerId"]);
    expectError(await api.patch("/orders/999999999", { status: "completed" }), 404, "not_found");
  });

  it("records ratings", async () => {
    const { api } = await shopWithKey();
    const customer = await newCustomer(api);
    const res = await api.post("/ratings", { customerId: customer.id, stars: 4, comment: "Fast delivery" });
    expect(res.status).toBe(201);
    expect(RatingResource.parse(res.body)).toMatchObject({ customerId: customer.id, stars: 4, comment: "Fast delivery" });
    expectInvalid(await api.post("/ratings", { customerId: customer.id, stars: 6 }), ["stars"]);
    expectInvalid(await api.post("/ratings", { customerId: "12345678", stars: 5 }), ["customerId"]);
    expect(CustomerResource.parse((await api.get(`/customers/${customer.id}`)).body).stats.lastRating).toBe(4);
  });
});

describe("API store credit and reward points", () => {
  it("adds store credit and lists it with running balances", async () => {
    const { api } = await shopWithKey();
    const customer = await newCustomer(api);
    const path = `/customers/${customer.id}/transactions`;
    expect(TransactionList.parse((await api.get(path)).body)).toEqual({ balance: "0.00", data: [] });
    const first = await api.post(path, { description: "Refund", amount: 10 });
    expect(first.status).toBe(201);
    expect(TransactionCreated.parse(first.body)).toMatchObject({ balance: "10.00", data: { description: "Refund", amount: "10.00", balance: "10.00", orderId: null } });
    expect(TransactionCreated.parse((await api.post(path, { description: "Gift", amount: "5.5", orderId: "42" })).body)).toMatchObject({
      balance: "15.50",
      data: { amount: "5.50", orderId: "42", balance: "15.50" },
    });
    await api.post(path, { description: "Used", amount: -20.5 });
    const list = TransactionList.parse((await api.get(path)).body);
    expect(list.balance).toBe("-5.00");
    expect(list.data.map((e) => [e.amount, e.balance])).toEqual([
      ["-20.50", "-5.00"],
      ["5.50", "15.50"],
      ["10.00", "10.00"],
    ]);
    const zero = expectInvalid(await api.post(path, { description: "Nothing", amount: 0 }), ["amount"]);
    expect(zero[0]!.message).toBe(text("en", "validation", "nonZero"));
  });

  it("adds and redeems reward points, never below zero (422 on points)", async () => {
    const { api, key } = await shopWithKey();
    const customer = await newCustomer(api);
    const path = `/customers/${customer.id}/reward-points`;
    const added = await api.post(path, { description: "Welcome", points: 100 });
    expect(added.status).toBe(201);
    expect(RewardPointsCreated.parse(added.body)).toMatchObject({ balance: 100, data: { description: "Welcome", points: 100, balance: 100 } });

    const tooMuch = expectInvalid(await api.post(path, { description: "Too much", points: -150 }), ["points"]);
    expect(tooMuch[0]!.message).toBe(text("en", "validation", "pointsBelowZero"));
    const greek = await call("POST", path, { key, body: { description: "Too much", points: -150 }, headers: { "Accept-Language": "el" } });
    expect(greek.status).toBe(422);
    expect(greek.body.errors[0].path).toBe("points");

    expect(RewardPointsCreated.parse((await api.post(path, { description: "Redeemed", points: -40 })).body).balance).toBe(60);
    const list = RewardPointsList.parse((await api.get(path)).body);
    expect(list.balance).toBe(60);
    expect(list.data.map((e) => [e.points, e.balance])).toEqual([
      [-40, 60],
      [100, 100],
    ]);
    expect(CustomerResource.parse((await api.get(`/customers/${customer.id}`)).body).pointsBalance).toBe(60);
    expectInvalid(await api.post(path, { description: "Fraction", points: 1.5 }), ["points"]);
  });
});

describe("API tenancy", () => {
  it("answers 404 for another shop's customers, addresses and orders, and changes nothing there", async () => {
    const a = await shopWithKey();
    const b = await shopWithKey();
    const customer = await newCustomer(a.api, { lastName: "Original" });
    const address = AddressResource.parse((await a.api.post(`/customers/${customer.id}/addresses`, addressBody())).body);
    const order = OrderResource.parse((await a.api.post("/orders", { number: "A-1", customerId: customer.id, total: 10 })).body);
    const own = await newCustomer(b.api);

    const attempts: Array<[string, string, unknown?]> = [
      ["GET", `/customers/${customer.id}`],
      ["PATCH", `/customers/${customer.id}`, { lastName: "Changed" }],
      ["DELETE", `/customers/${customer.id}`],
      ["GET", `/customers/${customer.id}/addresses`],
      ["POST", `/customers/${customer.id}/addresses`, addressBody()],
      ["GET", `/customers/${customer.id}/addresses/${address.id}`],
      ["PATCH", `/customers/${customer.id}/addresses/${address.id}`, { city: "Paris" }],
      ["DELETE", `/customers/${customer.id}/addresses/${address.id}`],
      ["GET", `/customers/${own.id}/addresses/${address.id}`],
      ["PATCH", `/customers/${own.id}/addresses/${address.id}`, { city: "Paris" }],
      ["DELETE", `/customers/${own.id}/addresses/${address.id}`],
      ["GET", `/orders/${order.id}`],
      ["PATCH", `/orders/${order.id}`, { status: "cancelled" }],
      ["GET", `/customers/${customer.id}/transactions`],
      ["POST", `/customers/${customer.id}/transactions`, { description: "x", amount: 5 }],
      ["GET", `/customers/${customer.id}/reward-points`],
      ["POST", `/customers/${customer.id}/reward-points`, { description: "x", points: 5 }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(method, path, { key: b.key, body });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expect(res.body).toMatchObject({ error: { code: "not_found" } });
    }
    expectInvalid(await b.api.post("/orders", { number: "B-1", customerId: customer.id, total: 5 }), ["customerId"]);
    expectInvalid(await b.api.post("/ratings", { customerId: customer.id, stars: 1 }), ["customerId"]);

    const after = CustomerResource.parse((await a.api.get(`/customers/${customer.id}`)).body);
    expect(after.lastName).toBe("Original");
    expect(after.addresses).toEqual([address]);
    expect(after.pointsBalance).toBe(0);
    expect(after.stats).toMatchObject({ ordersCount: 1, lastRating: null });
    expect(OrderResource.parse((await a.api.get(`/orders/${order.id}`)).body).status).toBe("pending");
    expect(TransactionList.parse((await a.api.get(`/customers/${customer.id}/transactions`)).body).data).toEqual([]);
  });
});
