import { redirect, type AppLoadContext } from "@remix-run/node";
import type { User } from "lucia";
import { can, type Permission } from "~/modules/auth/permissions";
import type { Auth } from "~/modules/auth/session.server";
import { Prisma, type Merchant, type Staff } from "~/generated/prisma/client";
import { merchantFromJson, type MerchantJson } from "~/modules/merchants/merchant-json.server";
import { read, readAsTenant, withTenant, type Db, type Read } from "~/utils/db.server";

export interface Actor {
  staffId: string | null;
  name: string;
}

/** What every tenant-scoped module function needs: the transaction, the shop, and who acts (staff, API key, job). */
export interface TenantScope {
  db: Db;
  merchant: Merchant;
  actor: Actor;
}

export interface ShopContext extends TenantScope {
  staff: Staff;
  user: User;
  auth: Auth;
  actor: { staffId: string; name: string };
}

interface RouteArgs {
  request: Request;
  params: Record<string, string | undefined>;
  context: AppLoadContext;
}

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export function requireAuth({ request, context }: Pick<RouteArgs, "request" | "context">): Auth {
  if (context.auth) return context.auth;
  const url = new URL(request.url);
  const redirectTo = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

interface AccessRow {
  merchant: MerchantJson;
  staff: Omit<Staff, "createdAt"> & { createdAt: string };
}

/** The shop in the URL and the signed-in user's staff row in it: one statement, their own row only (decision 014). */
async function lookUpAccess(slug: string, userId: string) {
  const [row] = await read<AccessRow>(Prisma.sql`SELECT merchant, staff FROM app_shop_access(${slug}, ${userId})`);
  if (!row) return null;
  return { merchant: merchantFromJson(row.merchant), staff: { ...row.staff, createdAt: new Date(row.staff.createdAt) } satisfies Staff };
}

// Every loader of a request (the shop layout and the page) asks for the same access: it is looked up once.
const accessOfRequest = new WeakMap<Request, Map<string, ReturnType<typeof lookUpAccess>>>();

/**
 * The signed-in user must be staff of the shop in the URL (else 404, the same as a shop that does not exist), with
 * the permission asked for (else 403).
 */
export async function requireShopAccess(args: RouteArgs, permission: Permission | null) {
  const auth = requireAuth(args);
  const slug = args.params.shop;
  if (!slug) notFound();
  let byShop = accessOfRequest.get(args.request);
  if (!byShop) accessOfRequest.set(args.request, (byShop = new Map()));
  let lookup = byShop.get(slug);
  if (!lookup) byShop.set(slug, (lookup = lookUpAccess(slug, auth.user.id)));
  const access = await lookup;
  if (!access) notFound();
  if (permission && !can(access.staff.role, permission)) throw new Response("Forbidden", { status: 403 });
  return { ...access, auth, user: auth.user, actor: { staffId: access.staff.id, name: auth.user.name } };
}

/**
 * The one guard for dashboard routes that write: access as in requireShopAccess, then fn inside the tenant's
 * transaction, so the route's reads and writes see this shop's rows only.
 */
export async function inShop<T>(
  args: RouteArgs,
  permission: Permission | null,
  fn: (shop: ShopContext) => Promise<T>,
): Promise<T> {
  const access = await requireShopAccess(args, permission);
  const outcome = await withTenant(access.merchant.id, async (db) => {
    try {
      return { value: await fn({ ...access, db }) };
    } catch (thrown) {
      // A redirect after a successful write (Remix's POST-redirect-GET) must commit; anything else rolls back.
      if (thrown instanceof Response && thrown.status >= 300 && thrown.status < 400) return { redirect: thrown };
      throw thrown;
    }
  });
  if ("redirect" in outcome) throw outcome.redirect;
  return outcome.value;
}

export type ReadShopContext = Omit<ShopContext, "db"> & { read: Read };

/**
 * For pages that must answer in milliseconds (the customer list): access as in requireShopAccess, then fn's reads in
 * one read-only tenant transaction without the ORM (decision 014).
 */
export async function readShop<T>(args: RouteArgs, permission: Permission | null, fn: (shop: ReadShopContext) => Promise<T>): Promise<T> {
  const access = await requireShopAccess(args, permission);
  return readAsTenant(access.merchant.id, (read) => fn({ ...access, read }));
}
