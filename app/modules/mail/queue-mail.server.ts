import { enqueueInTransaction } from "~/jobs/outbox.server";
import type { Db } from "~/utils/db.server";

/** Puts a message in the shop's outbox and schedules its delivery, both in the caller's transaction. */
export async function queueMail(db: Db, input: { merchantId: string; to: string; subject: string; text: string }) {
  const message = await db.mailMessage.create({ data: input, select: { id: true } });
  await enqueueInTransaction(db, "mail", { merchantId: input.merchantId, messageId: message.id }, { jobId: `mail-${message.id}` });
  return message.id;
}
