import { enqueue } from "~/jobs/queues.server";
import { prisma } from "~/utils/db.server";
import { shopClock } from "./criteria";

const WINDOW_MINUTES = 20;

/**
 * Time moves customers too (days since, birthdays, age), and an event can be lost with Redis. Run every few
 * minutes: each shop whose local clock has just passed midnight gets one reconciliation of all its automatic
 * groups; the job id (shop and local date) makes repeated runs within the window one job.
 */
export async function scheduleNightlyRecomputes(now = new Date()) {
  const merchants = await prisma.merchant.findMany({ select: { id: true, timezone: true } });
  let queued = 0;
  for (const { id, timezone } of merchants) {
    const clock = shopClock(timezone, now);
    const local = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now);
    const [hour, minute] = local.split(":").map(Number) as [number, number];
    if (hour !== 0 || minute >= WINDOW_MINUTES) continue;
    await enqueue("group-reconcile", { merchantId: id }, { jobId: `reconcile-${id}-${clock.today}` });
    queued += 1;
  }
  return { queued };
}
