import { queueMail } from "~/modules/mail/queue-mail.server";
import { recordActivity } from "~/modules/activity/record-activity.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { z } from "~/modules/validation/messages";

export const MessageSchema = z.object({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(10_000),
});

/** A staff message to one customer, through the shop's mailer (captured in development and tests). */
export async function sendCustomerMessage(scope: TenantScope, customerId: bigint, input: z.infer<typeof MessageSchema>) {
  const { db, merchant, actor } = scope;
  const customer = await db.customer.findFirst({ where: { merchantId: merchant.id, id: customerId }, select: { email: true } });
  if (!customer) return null;
  const id = await queueMail(db, { merchantId: merchant.id, to: customer.email, subject: input.subject, text: input.body });
  await recordActivity(db, { merchantId: merchant.id, actor, action: "customer.messaged", subject: `#${customerId}` });
  return id;
}
