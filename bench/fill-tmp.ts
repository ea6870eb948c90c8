import { reconcileShop } from "~/modules/groups/membership.server";
import { prisma } from "~/utils/db.server";
const merchant = await prisma.merchant.findUniqueOrThrow({ where: { slug: "big" } });
const t0 = Date.now();
console.log(await reconcileShop(merchant.id), (Date.now() - t0) / 1000, "s");
await prisma.$disconnect();
