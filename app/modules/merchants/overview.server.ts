import { listRecentActivity } from "~/modules/activity/record-activity.server";
import { readWorkerHealth } from "~/modules/workers/health.server";
import type { ShopContext } from "~/modules/tenancy/dashboard.server";

const DAY = 86_400_000;

export async function getOverview({ db, merchant }: Pick<ShopContext, "db" | "merchant">) {
  const since = new Date(Date.now() - 30 * DAY);
  const customers = await db.customer.count({ where: { merchantId: merchant.id } });
  const newCustomers = await db.customer.count({ where: { merchantId: merchant.id, createdAt: { gte: since } } });
  const pendingApproval = await db.customer.count({ where: { merchantId: merchant.id, approval: "pending" } });
  const staff = await db.staff.count({ where: { merchantId: merchant.id } });
  const activity = await listRecentActivity(db, merchant.id, 10);
  const health = await readWorkerHealth().catch(() => null);
  return {
    counts: { customers, newCustomers, pendingApproval, staff },
    activity: activity.map((a) => ({ id: a.id.toString(), action: a.action, actor: a.actorName, subject: a.subject, at: a.createdAt.toISOString() })),
    health,
  };
}
