import type { z } from "zod";
import { recordActivity } from "~/modules/activity/record-activity.server";
import type { ShopContext } from "~/modules/tenancy/dashboard.server";
import type { ShopProfileSchema } from "./schemas";

export async function updateShopProfile(shop: ShopContext, input: z.infer<typeof ShopProfileSchema>) {
  await shop.db.merchant.update({ where: { id: shop.merchant.id }, data: input });
  await recordActivity(shop.db, { merchantId: shop.merchant.id, actor: shop.actor, action: "shop.updated", subject: input.name });
}
