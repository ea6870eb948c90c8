import { readFileSync } from "node:fs";
import type { AppLoadContext } from "@remix-run/node";
import { createShop } from "../../../tests/factories";
import { createApiKey } from "~/modules/api-keys/api-keys.server";
import { withTenant } from "~/utils/db.server";
import * as customer from "~/routes/api.v1.customers.$id";
import * as address from "~/routes/api.v1.customers.$id.addresses.$addressId";
import * as addresses from "~/routes/api.v1.customers.$id.addresses";
import * as rewardPoints from "~/routes/api.v1.customers.$id.reward-points";
import * as transactions from "~/routes/api.v1.customers.$id.transactions";
import * as customers from "~/routes/api.v1.customers";
import * as customerGroups from "~/routes/api.v1.customers.$id.groups";
import * as customField from "~/routes/api.v1.custom-fields.$id";
import * as customFields from "~/routes/api.v1.custom-fields";
import * as group from "~/routes/api.v1.groups.$id";
import * as groupCustomers from "~/routes/api.v1.groups.$id.customers";
import * as groupMembers from "~/routes/api.v1.groups.$id.members";
import * as groups from "~/routes/api.v1.groups";
import * as groupsPreview from "~/routes/api.v1.groups.preview";
import * as openapi from "~/routes/api.v1.openapi[.]json";
import * as order from "~/routes/api.v1.orders.$id";
import * as orders from "~/routes/api.v1.orders";
import * as ratings from "~/routes/api.v1.ratings";

interface RouteModule {
  loader: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<Response> | Response;
  action: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<Response> | Response;
}

/** The API's route modules by URL pattern, as the router would match them (tests call loader/action directly). */
export const apiRoutes: Array<[string, RouteModule]> = [
  ["/api/v1/customers", customers],
  ["/api/v1/customers/:id", customer],
  ["/api/v1/customers/:id/addresses", addresses],
  ["/api/v1/customers/:id/addresses/:addressId", address],
  ["/api/v1/customers/:id/transactions", transactions],
  ["/api/v1/customers/:id/reward-points", rewardPoints],
  ["/api/v1/customers/:id/groups", customerGroups],
  ["/api/v1/custom-fields", customFields],
  ["/api/v1/custom-fields/:id", customField],
  ["/api/v1/groups", groups],
  // Before /groups/:id, as the router prefers a static segment.
  ["/api/v1/groups/preview", groupsPreview],
  ["/api/v1/groups/:id", group],
  ["/api/v1/groups/:id/customers", groupCustomers],
  ["/api/v1/groups/:id/members", groupMembers],
  ["/api/v1/orders", orders],
  ["/api/v1/orders/:id", order],
  ["/api/v1/ratings", ratings],
  ["/api/v1/openapi.json", openapi],
];

const context: AppLoadContext = { auth: null, cspNonce: "", clientIp: "127.0.0.1" };

function match(pathname: string) {
  const parts = pathname.split("/");
  for (const [pattern, module] of apiRoutes) {
    const expected = pattern.split("/");
    if (expected.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (expected.every((segment, i) => (segment.startsWith(":") ? ((params[segment.slice(1)] = decodeURIComponent(parts[i]!)), true) : segment === parts[i]))) {
      return { module, params };
    }
  }
  throw new Error(`no API route for ${pathname}`);
}

export interface ApiResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Sends one request through the route module's loader (GET/HEAD) or action (other methods). */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiResult> {
  const url = new URL(path.startsWith("/api/") ? path : `/api/v1${path}`, "http://localhost");
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  if (hasBody && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  const request = new Request(url, { method, headers, body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined) });
  const { module, params } = match(url.pathname);
  const handler = method === "GET" || method === "HEAD" ? module.loader : module.action;
  const response = await handler({ request, params, context });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** A client bound to one key. */
export function client(key: string | null, defaults: Omit<CallOptions, "key" | "body"> = {}) {
  const send = (method: string) => (path: string, body?: unknown, options: Omit<CallOptions, "key" | "body"> = {}) =>
    call(method, path, { ...defaults, ...options, headers: { ...defaults.headers, ...options.headers }, key, body });
  return { get: send("GET"), post: send("POST"), patch: send("PATCH"), put: send("PUT"), delete: send("DELETE") };
}

const owner = { staffId: null, name: "Owner" };

/** A message as the locale files have it, so a test fails if the API answers in another language or with a raw key. */
export function text(lng: string, ns: string, key: string): string {
  const messages = JSON.parse(readFileSync(`locales/${lng}/${ns}.json`, "utf8")) as Record<string, unknown>;
  const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  if (typeof value !== "string") throw new Error(`no ${lng}/${ns}:${key}`);
  return value;
}

/** A new shop with an API key and a client that sends it. */
export async function shopWithKey(name = "Integration") {
  const shop = await createShop();
  const created = await withTenant(shop.merchant.id, (db) => createApiKey({ db, merchant: shop.merchant, actor: owner }, name));
  return { shop, key: created.key, keyId: created.id, api: client(created.key) };
}
