import { ZodError, type ZodIssue } from "zod";
import { authenticateApiKey } from "~/modules/api-keys/api-keys.server";
import { isGroupId } from "~/modules/groups/route-helpers.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { parseMessage } from "~/modules/validation/messages";
import { readAsTenant, withTenant, type Read } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { getFixedT, resolveLanguage } from "~/utils/i18n.server";
import { consumeRateLimit, type RateLimit } from "./rate-limit.server";
import type { ErrorCode } from "./resources";

export const API_BASE = "/api/v1";
/** Request bodies above this size are refused before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
export const apiMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type ApiMethod = (typeof apiMethods)[number];

/** An error answered as `{ error: { code, message } }`; message is an i18n key ("api" namespace by default). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly options: { message?: string; path?: string; headers?: HeadersInit } = {},
  ) {
    super(code);
  }
}

export function notFound(): never {
  throw new ApiError(404, "not_found");
}

/** A rule the schema cannot know (a balance, a reference to another row): answered like a schema error (422). */
export function invalid(path: string, message: string): never {
  throw new ZodError([{ code: "custom", path: path.split("."), message }]);
}

export interface ApiContext {
  scope: TenantScope;
  body: unknown;
  url: URL;
  request: Request;
}

export interface ApiRouteContext extends ApiContext {
  params: Record<string, string | undefined>;
}

/** What an endpoint that only reads with SQL gets: the lean read path's tenant transaction (decision 014). */
export interface ReadApiRouteContext extends Omit<ApiRouteContext, "scope"> {
  scope: Pick<TenantScope, "merchant" | "actor"> & { read: Read };
}

/** Marks a GET endpoint that only reads with SQL: it runs in a read-only tenant transaction without the ORM. */
export interface ReadOnlyEndpoint {
  readOnly: (ctx: ReadApiRouteContext) => Promise<Response>;
}

export const readOnly = (fn: ReadOnlyEndpoint["readOnly"]): ReadOnlyEndpoint => ({ readOnly: fn });

export type ApiMethods = Partial<Record<ApiMethod, ((ctx: ApiRouteContext) => Promise<Response>) | ReadOnlyEndpoint>>;

export interface ApiOptions {
  rateLimit?: RateLimit;
}

function stringify(body: unknown) {
  return JSON.stringify(body, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

export function json(body: unknown, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return new Response(stringify(body), { ...init, headers });
}

export const ok = (body: unknown) => json(body, { status: 200 });
export const created = (body: unknown, location?: string) => json(body, { status: 201, headers: location ? { Location: location } : {} });
export const noContent = () => new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });

/** Ids in URLs are positive integers; anything else is simply not found. */
export function idParam(params: Record<string, string | undefined>, name = "id"): bigint {
  const raw = params[name] ?? "";
  if (!/^\d{1,18}$/.test(raw)) notFound();
  return BigInt(raw);
}

/** Ids that are UUIDs (groups, custom fields); anything else is simply not found (like another shop's). */
export function uuidParam(params: Record<string, string | undefined>, name = "id"): string {
  const raw = params[name] ?? "";
  if (!isGroupId(raw)) notFound();
  return raw.toLowerCase();
}

async function errorResponse(request: Request, error: ApiError) {
  const t = await getFixedT(await resolveLanguage(request), "api");
  const { key, params } = parseMessage(error.options.message ?? `errors.${error.code}`);
  const body = { error: { code: error.code, message: t(key, params), ...(error.options.path ? { path: error.options.path } : {}) } };
  return json(body, { status: error.status, headers: error.options.headers });
}

async function validationResponse(request: Request, issues: ZodIssue[]) {
  const lng = await resolveLanguage(request);
  const t = await getFixedT(lng, "validation");
  const errors = issues.map((issue) => {
    const { key, params } = parseMessage(issue.message);
    // Numbers in the reader's digits, as the dashboard shows them; count stays a number for plural rules.
    const shown = Object.fromEntries(Object.entries(params).map(([n, v]) => [n, typeof v === "number" && n !== "count" ? formatNumber(lng, v) : v]));
    return { path: issue.path.join("."), message: t(key, shown) };
  });
  return json({ errors }, { status: 422 });
}

async function toResponse(request: Request, error: unknown): Promise<Response> {
  if (error instanceof ApiError) return errorResponse(request, error);
  if (error instanceof ZodError) return validationResponse(request, error.issues);
  if (error instanceof Response) {
    if (error.status === 404) return errorResponse(request, new ApiError(404, "not_found"));
    if (error.headers.get("Content-Type")?.includes("json")) return new Response(error.body, { status: error.status, headers: new Headers(error.headers) });
  }
  console.error(error);
  return errorResponse(request, new ApiError(500, "internal"));
}

/** The JSON body (415/413/400 otherwise); apiHandler reads it for POST, PUT and PATCH, endpoints for a DELETE with a body. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) throw new ApiError(415, "unsupported_media_type");
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY_BYTES) throw new ApiError(413, "payload_too_large");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiError(413, "payload_too_large");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "bad_request", { message: "errors.malformedJson" });
  }
}

/**
 * The one way into the API: authenticates the key (401), counts the request against the key's rate limit (429),
 * reads a JSON body, and runs fn in one tenant transaction whose actor is the key. Thrown ZodErrors become 422
 * with messages in the reader's language, ApiErrors their own status; the transaction is rolled back on both.
 */
export async function apiHandler(
  request: Request,
  fn: ((ctx: ApiContext) => Promise<Response>) | { readOnly: (ctx: Omit<ReadApiRouteContext, "params">) => Promise<Response> },
  options: ApiOptions = {},
): Promise<Response> {
  const rateHeaders = new Headers();
  let response: Response;
  try {
    const principal = await authenticateApiKey(request.headers.get("Authorization"));
    if (!principal) throw new ApiError(401, "unauthorized", { headers: { "WWW-Authenticate": 'Bearer realm="api"' } });
    const limit = await consumeRateLimit(principal.apiKey.id, options.rateLimit);
    rateHeaders.set("X-RateLimit-Limit", String(limit.limit));
    rateHeaders.set("X-RateLimit-Remaining", String(limit.ok ? limit.remaining : 0));
    if (!limit.ok) throw new ApiError(429, "rate_limited", { headers: { "Retry-After": String(limit.retryAfter) } });
    const body = BODY_METHODS.has(request.method) ? await readJson(request) : undefined;
    const { merchant, apiKey } = principal;
    const actor = { staffId: null, name: `API key ${apiKey.name}` };
    const url = new URL(request.url);
    response =
      typeof fn === "function"
        ? await withTenant(merchant.id, (db) => fn({ scope: { db, merchant, actor }, body, url, request }))
        : await readAsTenant(merchant.id, (read) => fn.readOnly({ scope: { read, merchant, actor }, body, url, request }));
  } catch (error) {
    response = await toResponse(request, error);
  }
  rateHeaders.forEach((value, name) => response.headers.set(name, value));
  return response;
}

export async function methodNotAllowed(request: Request, allowed: readonly string[]) {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])].join(", ");
  return errorResponse(request, new ApiError(405, "method_not_allowed", { headers: { Allow: allow } }));
}

/** A resource route's loader and action: dispatches on the method (405 with Allow for the others). */
export function apiRoute(args: { request: Request; params: Record<string, string | undefined> }, methods: ApiMethods, options?: ApiOptions) {
  const method = args.request.method === "HEAD" ? "GET" : (args.request.method.toUpperCase() as ApiMethod);
  const handler = methods[method];
  if (!handler) return methodNotAllowed(args.request, Object.keys(methods));
  if (typeof handler !== "function") return apiHandler(args.request, { readOnly: (ctx) => handler.readOnly({ ...ctx, params: args.params }) }, options);
  return apiHandler(args.request, (ctx) => handler({ ...ctx, params: args.params }), options);
}
