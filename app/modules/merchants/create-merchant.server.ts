import type { z } from "zod";
import { hashPassword } from "~/modules/auth/password.server";
import type { SignupSchema } from "~/modules/auth/schemas";
import { recordActivity } from "~/modules/activity/record-activity.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { shopDefaults } from "./defaults";

export type SignupInput = z.infer<typeof SignupSchema>;
export type SignupResult =
  | { ok: true; merchantId: string; slug: string; userId: string }
  | { ok: false; field: "slug" | "email"; error: "slugTaken" | "emailTaken" };

/** Creates the shop and its owner in one transaction (the owner's staff row is a tenant row, so the tenant is set first). */
export async function createMerchantWithOwner(input: SignupInput): Promise<SignupResult> {
  const passwordHash = await hashPassword(input.password);
  const [slugTaken, emailTaken] = await Promise.all([
    prisma.merchant.findUnique({ where: { slug: input.slug }, select: { id: true } }),
    prisma.user.findUnique({ where: { email: input.email }, select: { id: true } }),
  ]);
  if (slugTaken) return { ok: false, field: "slug", error: "slugTaken" };
  if (emailTaken) return { ok: false, field: "email", error: "emailTaken" };

  try {
    return await prisma.$transaction(async (db) => {
      const merchant = await db.merchant.create({
        data: { slug: input.slug, name: input.shopName, defaultLocale: input.language, ...shopDefaults[input.language] },
      });
      await db.$queryRaw`SELECT set_config('app.merchant_id', ${merchant.id}, true)`;
      const user = await db.user.create({
        data: { email: input.email, name: input.name, passwordHash, locale: input.language },
      });
      const owner = await db.staff.create({ data: { merchantId: merchant.id, userId: user.id, role: "owner" } });
      await recordActivity(db, {
        merchantId: merchant.id,
        actor: { staffId: owner.id, name: user.name },
        action: "shop.created",
        subject: merchant.name,
      });
      return { ok: true as const, merchantId: merchant.id, slug: merchant.slug, userId: user.id };
    });
  } catch (error) {
    // Two sign-ups racing for the same slug or e-mail: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const target = String(error.meta?.target ?? "");
      return target.includes("slug")
        ? { ok: false, field: "slug", error: "slugTaken" }
        : { ok: false, field: "email", error: "emailTaken" };
    }
    throw error;
  }
}
