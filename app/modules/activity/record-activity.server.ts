import type { Db } from "~/utils/db.server";

export interface ActivityInput {
  merchantId: string;
  actor?: { staffId: string | null; name: string } | null;
  action: string;
  subject?: string | null;
  data?: Record<string, string | number | boolean | null>;
}

/** The shop's audit trail; written in the same transaction as the change it records. */
export async function recordActivity(db: Db, input: ActivityInput) {
  await db.activity.create({
    data: {
      merchantId: input.merchantId,
      staffId: input.actor?.staffId ?? null,
      actorName: input.actor?.name ?? null,
      action: input.action,
      subject: input.subject ?? null,
      data: input.data ?? {},
    },
  });
}

export function listRecentActivity(db: Db, merchantId: string, take = 10) {
  return db.activity.findMany({
    where: { merchantId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
}
