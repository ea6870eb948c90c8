import { redirect, type AppLoadContext } from "@remix-run/node";
import type { User } from "lucia";
import { can, type Permission } from "~/modules/auth/permissions";
import type { Auth } from "~/modules/auth/session.server";
import type { Merchant, Staff } from "~/generated/prisma/client";
import { prisma, withTenant, type Db } from "~/utils/db.server";

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

/**
 * The one guard for dashboard routes: the signed-in user must be staff of the shop in the URL (else 404, the
 * same as a shop that does not exist), with the permission asked for (else 403). fn runs inside the tenant's
 * transaction, so the route's reads and writes see this shop's rows only.
 */
export async function inShop<T>(
  args: RouteArgs,
  permission: Permission | null,
  fn: (shop: ShopContext) => Promise<T>,
): Promise<T> {
  const auth = requireAuth(args);
  const slug = args.params.shop;
  if (!slug) notFound();
  const merchant = await prisma.merchant.findUnique({ where: { slug } });
  if (!merchant) notFound();
  const outcome = await withTenant(merchant.id, async (db) => {
    const staff = await db.staff.findUnique({
      where: { merchantId_userId: { merchantId: merchant.id, userId: auth.user.id } },
    });
    if (!staff) notFound();
    if (permission && !can(staff.role, permission)) throw new Response("Forbidden", { status: 403 });
    try {
      return {
        value: await fn({ db, merchant, staff, user: auth.user, auth, actor: { staffId: staff.id, name: auth.user.name } }),
      };
    } catch (thrown) {
      // A redirect after a successful write (Remix's POST-redirect-GET) must commit; anything else rolls back.
      if (thrown instanceof Response && thrown.status >= 300 && thrown.status < 400) return { redirect: thrown };
      throw thrown;
    }
  });
  if ("redirect" in outcome) throw outcome.redirect;
  return outcome.value;
}
