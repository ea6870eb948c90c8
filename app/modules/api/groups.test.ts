import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addCustomers, uniq } from "../../../tests/factories";
import { conditionFields, CriteriaSchema } from "~/modules/groups/criteria";
import { runRecompute } from "~/modules/groups/membership.server";
import { withTenant } from "~/utils/db.server";
import {
  CriteriaCondition,
  CriteriaPreview,
  CustomerGroupsResource,
  CustomerResource,
  ErrorResponse,
  GroupList,
  GroupMemberList,
  GroupMembersChanged,
  GroupResource,
  ValidationErrorResponse,
} from "./resources";
import { call, client, shopWithKey, text } from "./test-client";



type Api = ReturnType<typeof client>;
type Result = Awaited<ReturnType<typeof call>>;

function expectError(res: Result, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  return ErrorResponse.parse(res.body).error;
}

function expectInvalid(res: Result, paths: string[]) {
  expect(res.status).toBe(422);
  const { errors } = ValidationErrorResponse.parse(res.body);
  expect(errors.map((e) => e.path).sort()).toEqual([...paths].sort());
  return errors;
}

const messageAt = (res: Result, path: string) => ValidationErrorResponse.parse(res.body).errors.find((e) => e.path === path)?.message;

const condition = (field: string, op: string, value?: unknown) => ({ type: "condition", field, op, ...(value !== undefined ? { value } : {}) });

/** Spent more than 100 and not blocked. */
const bigSpenders = {
  version: 1,
  root: { type: "and", children: [condition("total_spent", "gt", 100), { type: "not", child: condition("status", "eq", "blocked") }] },
};

const groupBody = (overrides: Record<string, unknown> = {}) => ({ name: { en: `Group ${uniq()}` }, kind: "manual", ...overrides });

async function newGroup(api: Api, overrides: Record<string, unknown> = {}) {
  const res = await api.post("/groups", groupBody(overrides));
  expect(res.status).toBe(201);
  return GroupResource.parse(res.body);
}

async function newCustomer(api: Api, overrides: Record<string, unknown> = {}) {
  const res = await api.post("/customers", { firstName: "Ada", lastName: "Lovelace", email: `ada-${uniq()}@example.test`, ...overrides });
  expect(res.status).toBe(201);
  return CustomerResource.parse(res.body);
}

/**
 * 24 customers through the API: every third spent 200 in two completed orders, the next one 60, the one after
 * nothing; every fourth is blocked. The big spenders who are not blocked are the expected matches.
 */
async function seedCustomers(api: Api) {
  const all: Array<{ id: string; spent: number; blocked: boolean }> = [];
  for (let i = 0; i < 24; i++) {
    const blocked = i % 4 === 0;
    const customer = await newCustomer(api, { firstName: `C${i}`, status: blocked ? "blocked" : "active" });
    const orders = i % 3 === 0 ? [120.25, 79.75] : i % 3 === 1 ? [60] : [];
    for (const [k, total] of orders.entries()) {
      expect((await api.post("/orders", { number: `O-${i}-${k}`, customerId: customer.id, total, status: "completed" })).status).toBe(201);
    }
    all.push({ id: customer.id, spent: orders.reduce((a, b) => a + b, 0), blocked });
  }
  const matching = all.filter((c) => c.spent > 100 && !c.blocked).map((c) => c.id);
  return { all, matching };
}

const byId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

describe("API groups: create, read, update, delete", () => {
  it("creates (201 + Location), lists in precedence order, reads, merges a PATCH and deletes (204)", async () => {
    const { api } = await shopWithKey();
    const res = await api.post("/groups", { name: { en: " Wholesale ", el: "Χονδρική" }, kind: "manual", sortOrder: 20 });
    expect(res.status).toBe(201);
    const manual = GroupResource.parse(res.body);
    expect(res.headers.get("Location")).toBe(`/api/v1/groups/${manual.id}`);
    expect(manual).toMatchObject({
      name: { en: "Wholesale", el: "Χονδρική" },
      description: {},
      color: "#3f51d6",
      sortOrder: 20,
      kind: "manual",
      criteria: null,
      criteriaVersion: 0,
      needsApproval: false,
      selectableAtSignup: false,
      isDefault: false,
      memberCount: 0,
      recompute: null,
    });

    // A group with criteria starts a recompute, returned with the group.
    const automatic = await newGroup(api, { name: { en: "Big spenders" }, kind: "automatic", criteria: bigSpenders, sortOrder: 10, color: "#AA0011" });
    expect(automatic.criteria).toEqual(bigSpenders);
    expect(automatic.criteriaVersion).toBe(1);
    expect(automatic.recompute).toMatchObject({ status: "running", reason: "criteria", criteriaVersion: 1, done: 0, added: 0, removed: 0, finishedAt: null });

    const list = GroupList.parse((await api.get("/groups")).body);
    expect(list.data.map((g) => [g.id, g.memberCount])).toEqual([
      [automatic.id, 0],
      [manual.id, 0],
    ]);
    expect(list.data[0]!.recompute?.id).toBe(automatic.recompute!.id);

    const read = await api.get(res.headers.get("Location")!);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);

    // Names merge per language ("" removes one); other fields keep their values; no criteria change, no recompute.
    const renamed = await api.patch(`/groups/${manual.id}`, { name: { ru: "Опт", el: "" }, description: { en: "Resellers" } });
    expect(renamed.status).toBe(200);
    expect(GroupResource.parse(renamed.body)).toMatchObject({ name: { en: "Wholesale", ru: "Опт" }, description: { en: "Resellers" }, sortOrder: 20, recompute: null });
    expect(renamed.body.name).not.toHaveProperty("el");
    const cleared = GroupResource.parse((await api.patch(`/groups/${manual.id}`, { description: null, color: null })).body);
    expect(cleared).toMatchObject({ description: {}, color: "#3f51d6", name: { en: "Wholesale", ru: "Опт" } });

    const moved = GroupResource.parse((await api.patch(`/groups/${automatic.id}`, { sortOrder: 30 })).body);
    expect(moved).toMatchObject({ sortOrder: 30, criteriaVersion: 1, criteria: bigSpenders });
    expect(moved.recompute!.id).toBe(automatic.recompute!.id);
    expect(GroupList.parse((await api.get("/groups")).body).data.map((g) => g.id)).toEqual([manual.id, automatic.id]);

    // A criteria change starts a new recompute, returned in the response.
    const changed = { version: 1, root: condition("orders_count", "gte", 2) };
    const recriteria = GroupResource.parse((await api.patch(`/groups/${automatic.id}`, { criteria: changed })).body);
    expect(recriteria).toMatchObject({ criteria: changed, criteriaVersion: 2, recompute: { status: "running", reason: "criteria", criteriaVersion: 2 } });
    expect(recriteria.recompute!.id).not.toBe(automatic.recompute!.id);
    expect(GroupResource.parse((await api.get(`/groups/${automatic.id}`)).body).recompute!.id).toBe(recriteria.recompute!.id);

    const deleted = await api.delete(`/groups/${manual.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expectError(await api.get(`/groups/${manual.id}`), 404, "not_found");
    expectError(await api.delete(`/groups/${manual.id}`), 404, "not_found");
    expectError(await api.patch(`/groups/${manual.id}`, { sortOrder: 1 }), 404, "not_found");
    expect(GroupList.parse((await api.get("/groups")).body).data.map((g) => g.id)).toEqual([automatic.id]);
  });

  it("keeps at most one default group", async () => {
    const { api } = await shopWithKey();
    const first = await newGroup(api, { isDefault: true });
    const second = await newGroup(api, { isDefault: true });
    const list = GroupList.parse((await api.get("/groups")).body);
    expect(list.data.filter((g) => g.isDefault).map((g) => g.id)).toEqual([second.id]);
    await api.patch(`/groups/${first.id}`, { isDefault: true });
    const after = GroupList.parse((await api.get("/groups")).body);
    expect(after.data.filter((g) => g.isDefault).map((g) => g.id)).toEqual([first.id]);
  });

  it("answers 422 with every invalid field, the bad criteria node's path, in the reader's language", async () => {
    const { shop, api, key } = await shopWithKey();
    expectInvalid(await api.post("/groups", {}), ["name", "kind"]);
    const required = expectInvalid(await api.post("/groups", { name: { el: "Ομάδα" }, kind: "manual" }), ["name.en"]);
    expect(required[0]!.message).toBe(text("en", "validation", "required"));
    const noCriteria = expectInvalid(await api.post("/groups", groupBody({ kind: "automatic" })), ["criteria"]);
    expect(noCriteria[0]!.message).toBe(text("en", "validation", "criteriaRequired"));
    const color = expectInvalid(await api.post("/groups", groupBody({ color: "red", kind: "party", sortOrder: -1 })), ["color", "kind", "sortOrder"]);
    expect(color.find((e) => e.path === "color")!.message).toBe(text("en", "validation", "color"));

    const badOp = {
      version: 1,
      root: { type: "or", children: [condition("orders_count", "gt", 3), condition("orders_count", "sometimes", 3), { type: "not", child: condition("nonsense", "eq", 1) }] },
    };
    const bad = await api.post("/groups", groupBody({ kind: "hybrid", criteria: badOp }));
    expectInvalid(bad, ["criteria.root.children.1.op", "criteria.root.children.2.child.field"]);
    expect(messageAt(bad, "criteria.root.children.1.op")).toBe(text("en", "validation", "invalid"));
    expect(messageAt(bad, "criteria.root.children.2.child.field")).toBe(text("en", "validation", "criteriaField"));

    for (const lng of ["el", "ru", "ar", "fa"]) {
      const localized = await call("POST", "/groups", { key, body: groupBody({ kind: "hybrid", criteria: badOp }), headers: { "Accept-Language": lng } });
      expect(messageAt(localized, "criteria.root.children.2.child.field")).toBe(text(lng, "validation", "criteriaField"));
      expect(messageAt(localized, "criteria.root.children.1.op")).toBe(text(lng, "validation", "invalid"));
    }

    const range = await api.post("/groups", groupBody({ kind: "automatic", criteria: { version: 1, root: condition("total_spent", "between", [500, 100]) } }));
    expect(expectInvalid(range, ["criteria.root.value"])[0]!.message).toBe(text("en", "validation", "rangeOrder"));
    const node = await api.post("/groups", groupBody({ kind: "automatic", criteria: { version: 1, root: { type: "xor", children: [] } } }));
    expect(expectInvalid(node, ["criteria.root.type"])[0]!.message).toBe(text("en", "validation", "criteriaNode"));
    let deep: unknown = condition("newsletter", "is_true");
    for (let i = 0; i < 8; i++) deep = { type: "not", child: deep };
    const tooDeep = await api.post("/groups", groupBody({ kind: "automatic", criteria: { version: 1, root: deep } }));
    expect(expectInvalid(tooDeep, ["criteria.root"])[0]!.message).toBe(text("en", "validation", "criteriaTooDeep").replace("{{max}}", "8"));
    const wide = { version: 1, root: { type: "or", children: Array.from({ length: 3 }, () => ({ type: "and", children: Array.from({ length: 34 }, () => condition("age", "gt", 18)) })) } };
    const tooLarge = await api.post("/groups", groupBody({ kind: "automatic", criteria: wide }));
    expect(expectInvalid(tooLarge, ["criteria.root"])[0]!.message).toBe(text("en", "validation", "criteriaTooLarge").replace("{{max}}", "100"));
    const badDate = await api.post("/groups", groupBody({ kind: "automatic", criteria: { version: 1, root: condition("last_order_date", "before", "2024-13-45") } }));
    expect(expectInvalid(badDate, ["criteria.root.value"])[0]!.message).toBe(text("en", "validation", "date"));
    expectInvalid(await api.post("/groups", groupBody({ kind: "automatic", criteria: { version: 2, root: condition("age", "gt", 1) } })), ["criteria.version"]);
    expectInvalid(await api.post("/groups", groupBody({ kind: "automatic", criteria: "orders_count > 3" })), ["criteria"]);

    // PATCH validates the merged group; nothing is saved on failure.
    const group = await newGroup(api, { kind: "automatic", criteria: bigSpenders });
    expectInvalid(await api.patch(`/groups/${group.id}`, { criteria: badOp, sortOrder: 1 }), ["criteria.root.children.1.op", "criteria.root.children.2.child.field"]);
    expectInvalid(await api.patch(`/groups/${group.id}`, { criteria: null }), ["criteria"]);
    expectInvalid(await api.patch(`/groups/${group.id}`, { name: { en: "" } }), ["name.en"]);
    expectInvalid(await api.patch(`/groups/${group.id}`, [1]), [""]);
    expect(GroupResource.parse((await api.get(`/groups/${group.id}`)).body)).toMatchObject({ criteria: bigSpenders, criteriaVersion: 1, sortOrder: 100 });
    const count = await withTenant(shop.merchant.id, (db) => db.customerGroup.count({ where: { merchantId: shop.merchant.id } }));
    expect(count).toBe(1);
  });
});

describe("API groups: statuses shared by every endpoint", () => {
  it("answers 401 without a key and 405 with Allow for methods a path does not have", async () => {
    const { api } = await shopWithKey();
    const group = await newGroup(api);
    const methods: Record<string, string[]> = {
      "/groups": ["GET", "POST"],
      "/groups/preview": ["POST"],
      [`/groups/${group.id}`]: ["GET", "PATCH", "DELETE"],
      [`/groups/${group.id}/customers`]: ["GET"],
      [`/groups/${group.id}/members`]: ["POST", "DELETE"],
      "/customers/1/groups": ["GET"],
    };
    for (const [path, allowed] of Object.entries(methods)) {
      for (const method of ["GET", "POST", "PATCH", "DELETE"]) {
        const res = await call(method, path, { key: null, body: method === "GET" ? undefined : {} });
        expectError(res, allowed.includes(method) ? 401 : 405, allowed.includes(method) ? "unauthorized" : "method_not_allowed");
      }
    }
    const allowed: Array<[string, string, string]> = [
      ["PUT", "/groups", "GET, POST, HEAD"],
      ["GET", "/groups/preview", "POST"],
      ["PUT", `/groups/${group.id}`, "GET, PATCH, DELETE, HEAD"],
      ["POST", `/groups/${group.id}/customers`, "GET, HEAD"],
      ["GET", `/groups/${group.id}/members`, "POST, DELETE"],
      ["PATCH", `/groups/${group.id}/members`, "POST, DELETE"],
      ["DELETE", "/customers/1/groups", "GET, HEAD"],
    ];
    for (const [method, path, allow] of allowed) {
      const res = await call(method, path, { key: null, body: method === "GET" || method === "DELETE" ? undefined : {} });
      expectError(res, 405, "method_not_allowed");
      expect(res.headers.get("Allow")).toBe(allow);
    }
  });

  it("answers 404 for ids that are not UUIDs, unknown ids, and other shops' groups and customers, changing nothing there", async () => {
    const a = await shopWithKey();
    const b = await shopWithKey();
    const customer = await newCustomer(a.api);
    const group = await newGroup(a.api, { kind: "hybrid", criteria: bigSpenders, name: { en: "Original" } });
    expect((await a.api.post(`/groups/${group.id}/members`, { customerIds: [customer.id] })).status).toBe(200);
    const own = await newCustomer(b.api);

    for (const id of ["abc", "1", "0", `${group.id}x`, group.id.replaceAll("-", ""), randomUUID()]) {
      expectError(await a.api.get(`/groups/${id}`), 404, "not_found");
      expectError(await a.api.get(`/groups/${id}/customers`), 404, "not_found");
    }
    const attempts: Array<[string, string, unknown?]> = [
      ["GET", `/groups/${group.id}`],
      ["PATCH", `/groups/${group.id}`, { name: { en: "Changed" } }],
      ["DELETE", `/groups/${group.id}`],
      ["GET", `/groups/${group.id}/customers`],
      ["POST", `/groups/${group.id}/members`, { customerIds: [own.id] }],
      ["DELETE", `/groups/${group.id}/members`, { customerIds: [customer.id] }],
      ["GET", `/customers/${customer.id}/groups`],
      ["GET", `/customers/${randomUUID()}/groups`],
      ["GET", "/customers/999999999999/groups"],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(method, path, { key: b.key, body });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expect(res.body).toMatchObject({ error: { code: "not_found", message: text("en", "api", "errors.not_found") } });
    }
    expect(GroupList.parse((await b.api.get("/groups")).body).data).toEqual([]);

    const after = GroupResource.parse((await a.api.get(`/groups/${group.id}`)).body);
    expect(after).toMatchObject({ name: { en: "Original" }, memberCount: 1, criteriaVersion: 1 });
    expect(GroupMemberList.parse((await a.api.get(`/groups/${group.id}/customers`)).body).data.map((m) => m.id)).toEqual([customer.id]);
  });
});

describe("API group members", () => {
  it("adds and removes members of manual and hybrid groups by hand, lists them by page, and refuses automatic groups (409)", async () => {
    const { shop, api, key } = await shopWithKey("Loyalty app");
    await addCustomers(shop.merchant.id, 30);
    const ids = (await withTenant(shop.merchant.id, (db) => db.customer.findMany({ where: { merchantId: shop.merchant.id }, orderBy: { id: "asc" }, select: { id: true } }))).map((c) =>
      c.id.toString(),
    );
    const group = await newGroup(api);
    const path = `/groups/${group.id}/members`;

    const added = await api.post(path, { customerIds: [ids[0], Number(ids[1])] });
    expect(added.status).toBe(200);
    expect(GroupMembersChanged.parse(added.body)).toEqual({ changed: true, memberCount: 2 });
    expect(GroupMembersChanged.parse((await api.post(path, { customerIds: [ids[1]] })).body)).toEqual({ changed: false, memberCount: 2 });

    const listed = GroupMemberList.parse((await api.get(`/groups/${group.id}/customers`)).body);
    expect(listed.next).toBeNull();
    expect(listed.data.map((m) => m.id)).toEqual([ids[0], ids[1]]);
    for (const member of listed.data) {
      expect(member).toMatchObject({ source: "manual", addedBy: "API key Loyalty app", firstName: expect.stringMatching(/^First/) });
      expect(Date.now() - Date.parse(member.addedAt)).toBeLessThan(60_000);
    }

    const removed = await call("DELETE", path, { key, body: { customerIds: [ids[0]] } });
    expect(removed.status).toBe(200);
    expect(GroupMembersChanged.parse(removed.body)).toEqual({ changed: true, memberCount: 1 });

    // Every customer id must be one of this shop's customers; nothing is changed otherwise.
    const other = await shopWithKey();
    const stranger = await newCustomer(other.api);
    const unknown = expectInvalid(await api.post(path, { customerIds: [ids[2], stranger.id, "0", "99999999999999999999"] }), ["customerIds.1", "customerIds.2", "customerIds.3"]);
    for (const error of unknown) expect(error.message).toBe(text("en", "api", "errors.customerNotFound"));
    const greek = await call("POST", path, { key, body: { customerIds: [stranger.id] }, headers: { "Accept-Language": "el" } });
    expect(messageAt(greek, "customerIds.0")).toBe(text("el", "api", "errors.customerNotFound"));
    expectInvalid(await api.post(path, { customerIds: [] }), ["customerIds"]);
    expectInvalid(await api.post(path, { customerIds: ["abc"] }), ["customerIds.0"]);
    expectInvalid(await api.post(path, {}), ["customerIds"]);
    expectInvalid(await call("DELETE", path, { key, body: { customerIds: [stranger.id] } }), ["customerIds.0"]);
    expectError(await call("DELETE", path, { key }), 415, "unsupported_media_type");
    expectError(await call("DELETE", path, { key, rawBody: "{" }), 400, "bad_request");
    expect(GroupResource.parse((await api.get(`/groups/${group.id}`)).body).memberCount).toBe(1);

    // Pages of 25 by customer id: after= is the last id of the previous page.
    await api.post(path, { customerIds: ids });
    const first = GroupMemberList.parse((await api.get(`/groups/${group.id}/customers?size=25`)).body);
    expect(first.data).toHaveLength(25);
    expect(first.next).toBe(ids[24]);
    const second = GroupMemberList.parse((await api.get(`/groups/${group.id}/customers?size=25&after=${first.next}`)).body);
    expect(second.next).toBeNull();
    expect([...first.data, ...second.data].map((m) => m.id)).toEqual(ids);
    expect(GroupMemberList.parse((await api.get(`/groups/${group.id}/customers?size=100`)).body).data).toHaveLength(30);
    expectInvalid(await api.get(`/groups/${group.id}/customers?size=30&after=abc`), ["size", "after"]);

    // Automatic groups follow their criteria only.
    const automatic = await newGroup(api, { kind: "automatic", criteria: bigSpenders });
    const refused = expectError(await api.post(`/groups/${automatic.id}/members`, { customerIds: [ids[0]] }), 409, "automatic_group");
    expect(refused.message).toBe(text("en", "api", "errors.automatic_group"));
    const persian = await call("DELETE", `/groups/${automatic.id}/members`, { key, body: { customerIds: [ids[0]] }, headers: { "Accept-Language": "fa" } });
    expectError(persian, 409, "automatic_group");
    expect(persian.body.error.message).toBe(text("fa", "api", "errors.automatic_group"));

    // In a hybrid group a removal holds against the criteria until the customer is added again.
    const hybrid = await newGroup(api, { kind: "hybrid", criteria: { version: 1, root: condition("status", "eq", "active") } });
    expect(GroupMembersChanged.parse((await call("DELETE", `/groups/${hybrid.id}/members`, { key, body: { customerIds: [ids[3]] } })).body)).toEqual({
      changed: false,
      memberCount: 0,
    });
    await runRecompute(shop.merchant.id, hybrid.recompute!.id);
    const members = GroupMemberList.parse((await api.get(`/groups/${hybrid.id}/customers?size=100`)).body).data;
    expect(members.map((m) => m.id)).toEqual(ids.filter((id) => id !== ids[3]));
    expect(new Set(members.map((m) => m.source))).toEqual(new Set(["criteria"]));
  });
});

describe("API criteria preview, recompute and a customer's groups", () => {
  it("previews exactly the matching customers; after the recompute the group lists them, and a customer's groups explain why", async () => {
    const { shop, api } = await shopWithKey("ERP");
    const { all, matching } = await seedCustomers(api);
    expect(matching.length).toBeGreaterThan(3);

    const preview = await api.post("/groups/preview", { criteria: bigSpenders });
    expect(preview.status).toBe(200);
    const { count, sample } = CriteriaPreview.parse(preview.body);
    expect(count).toBe(matching.length);
    expect(sample.map((s) => s.id)).toEqual([...matching].sort(byId).reverse().slice(0, 10));
    expect(sample[0]).toMatchObject({ name: expect.stringMatching(/^C\d+ Lovelace$/), email: expect.stringContaining("@") });
    expect(CriteriaPreview.parse((await api.post("/groups/preview", { criteria: { version: 1, root: condition("orders_count", "gt", 2) } })).body).count).toBe(0);
    expectInvalid(await api.post("/groups/preview", { criteria: { version: 1, root: { type: "and", children: [condition("total_spent", "gt", 1), condition("city", "eq", "")] } } }), [
      "criteria.root.children.1.value",
    ]);
    expectInvalid(await api.post("/groups/preview", {}), ["criteria"]);

    // The shop's default group (for customers in no group), a manual group before the automatic one in precedence.
    const fallback = await newGroup(api, { isDefault: true, sortOrder: 500, name: { en: "Everyone else" } });
    const vip = await newGroup(api, { kind: "automatic", criteria: bigSpenders, sortOrder: 50, name: { en: "Big spenders" } });
    const done = await runRecompute(shop.merchant.id, vip.recompute!.id);
    expect(done).toMatchObject({ status: "done", added: matching.length, removed: 0, done: all.length });

    const members = GroupMemberList.parse((await api.get(`/groups/${vip.id}/customers?size=100`)).body);
    expect(members.data.map((m) => m.id)).toEqual([...matching].sort(byId));
    expect(members.data.every((m) => m.source === "criteria" && m.addedBy === null)).toBe(true);
    expect(GroupResource.parse((await api.get(`/groups/${vip.id}`)).body)).toMatchObject({ memberCount: matching.length, recompute: { status: "done", added: matching.length } });

    const [spender, other] = matching as [string, string];
    const groups = await api.get(`/customers/${spender}/groups`);
    expect(groups.status).toBe(200);
    const explained = CustomerGroupsResource.parse(groups.body);
    expect(explained).toMatchObject({ defaultGroupId: vip.id, pinned: false });
    expect(explained.data).toHaveLength(1);
    expect(explained.data[0]).toMatchObject({
      group: { id: vip.id, name: { en: "Big spenders" }, kind: "automatic", sortOrder: 50 },
      source: "criteria",
      addedBy: null,
      reasons: [
        { condition: { field: "total_spent", op: "gt", value: 100 }, actual: 200, held: true },
        { condition: { field: "status", op: "eq", value: "blocked" }, actual: "active", held: false },
      ],
    });

    const manual = await newGroup(api, { sortOrder: 10, name: { en: "Staff picks" } });
    await api.post(`/groups/${manual.id}/members`, { customerIds: [spender] });
    const both = CustomerGroupsResource.parse((await api.get(`/customers/${spender}/groups`)).body);
    expect(both.data.map((m) => m.group.id)).toEqual([manual.id, vip.id]);
    expect(both.data[0]).toMatchObject({ source: "manual", addedBy: "API key ERP", reasons: [] });
    expect(both.defaultGroupId).toBe(manual.id);
    expect(CustomerGroupsResource.parse((await api.get(`/customers/${other}/groups`)).body).defaultGroupId).toBe(vip.id);

    // A customer in no group falls back to the shop's default group.
    const outsider = all.find((c) => !matching.includes(c.id))!;
    expect(CustomerGroupsResource.parse((await api.get(`/customers/${outsider.id}/groups`)).body)).toEqual({ data: [], defaultGroupId: fallback.id, pinned: false });
    expectError(await api.get("/customers/abc/groups"), 404, "not_found");
  });
});

describe("API groups in the OpenAPI document", () => {
  it("describes the criteria as one recursive schema referenced everywhere", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).body;
    const schemas = doc.components.schemas;
    const refTo = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    expect(schemas.Criteria.properties.root).toEqual(refTo("CriteriaNode"));
    const branches = schemas.CriteriaNode.anyOf;
    expect(branches).toContainEqual(expect.objectContaining({ properties: expect.objectContaining({ children: expect.objectContaining({ items: refTo("CriteriaNode") }) }) }));
    expect(branches).toContainEqual(expect.objectContaining({ properties: expect.objectContaining({ child: refTo("CriteriaNode") }) }));
    expect(branches).toContainEqual(refTo("CriteriaCondition"));
    expect(schemas.CriteriaPreviewInput.properties.criteria).toEqual(refTo("Criteria"));
    expect(schemas.GroupInput.properties.criteria.anyOf).toContainEqual(refTo("Criteria"));
    expect(schemas.Group.properties.criteria.anyOf).toContainEqual(refTo("Criteria"));
    // Conditions are described once; everything else only refers to them.
    for (const [name, schema] of Object.entries(schemas)) {
      if (name !== "CriteriaCondition") expect({ name, inlined: JSON.stringify(schema).includes('"within_next_days"') }).toEqual({ name, inlined: false });
    }
    const conditionFieldsDocumented = new Set(
      (schemas.CriteriaCondition.anyOf as Array<{ properties: { field: { enum?: string[]; const?: string } } }>).flatMap((b) => b.properties.field.enum ?? [b.properties.field.const!]),
    );
    expect([...conditionFieldsDocumented].sort()).toEqual([...conditionFields].sort());

    expect(doc.paths["/api/v1/groups/{id}"].get.parameters[0].schema).toEqual({ type: "string", format: "uuid" });
    expect(Object.keys(doc.paths["/api/v1/groups/{id}/members"].post.responses)).toEqual(expect.arrayContaining(["200", "401", "404", "409", "422"]));
    expect(Object.keys(doc.paths["/api/v1/groups"].post.responses)).toEqual(expect.arrayContaining(["201", "401", "422"]));
    expect(doc.paths["/api/v1/groups/{id}/members"].delete.requestBody.content["application/json"].schema).toEqual(refTo("GroupMembersInput"));
    const query = doc.paths["/api/v1/groups/{id}/customers"].get.parameters.filter((p: { in: string }) => p.in === "query").map((p: { name: string }) => p.name);
    expect(query.sort()).toEqual(["after", "size"]);
  });

  it("documents exactly the conditions the API accepts", () => {
    const ops = ["eq", "neq", "lt", "lte", "gt", "gte", "between", "is_set", "is_not_set", "within_last", "not_within_last", "before", "after", "contains", "starts_with", "in", "not_in", "is_true", "is_false", "within_next_days", "this_month"];
    const values = [undefined, 5, 0, -3, 1.5, 400, 40_000, [1, 2], [1], "2024-05-01", "x", ["x"], "female", ["female"], "blocked", ["pending"], "ru", ["en", "fa"], true, null];
    const disagreements: unknown[] = [];
    let accepted = 0;
    for (const field of conditionFields) {
      for (const op of ops) {
        for (const value of values) {
          const node = { type: "condition", field, op, product: "SKU-1", ...(value !== undefined ? { value } : {}) };
          const api = CriteriaSchema.safeParse({ version: 1, root: node }).success;
          const documented = CriteriaCondition.safeParse(node).success;
          if (api) accepted += 1;
          if (api !== documented) disagreements.push({ node, api, documented });
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(200);
  });
});
