import { prisma, withTenant } from "~/utils/db.server";
import { shopClock } from "./criteria";
import { queueRecompute } from "./groups.server";

const WINDOW_MINUTES = 20;

/**
 * Time moves customers too (days since, birthdays, age). Run every few minutes: each shop whose local clock has
 * just passed midnight gets one recompute of every automatic group, once per local day.
 */
export async function scheduleNightlyRecomputes(now = new Date()) {
  const merchants = await prisma.merchant.findMany({ select: { id: true, timezone: true } });
  let queued = 0;
  for (const { id, timezone } of merchants) {
    const local = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now);
    const [hour, minute] = local.split(":").map(Number) as [number, number];
    if (hour !== 0 || minute >= WINDOW_MINUTES) continue;
    const dayStart = new Date(now.getTime() - (minute + 1) * 60_000);
    queued += await withTenant(id, async (db) => {
      const merchant = await db.merchant.findUniqueOrThrow({ where: { id } });
      const groups = await db.customerGroup.findMany({ where: { merchantId: id, kind: { in: ["automatic", "hybrid"] } } });
      let count = 0;
      for (const group of groups) {
        const already = await db.groupRecompute.findFirst({ where: { merchantId: id, groupId: group.id, reason: "recompute", startedAt: { gte: dayStart } } });
        if (already) continue;
        await queueRecompute({ db, merchant }, group, "recompute");
        count += 1;
      }
      return count;
    });
  }
  return { queued, today: shopClock("UTC", now).today };
}
