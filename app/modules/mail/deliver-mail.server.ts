import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/utils/env.server";
import { withTenant, type Db } from "~/utils/db.server";

let transport: Transporter | undefined;

/**
 * The mailer: SMTP in production; "capture" keeps messages in the shop's outbox only (development and tests),
 * where Settings shows them.
 */
function mailer() {
  if (env.MAILER !== "smtp") return null;
  transport ??= nodemailer.createTransport(env.SMTP_URL!);
  return transport;
}

/** Sends outside any transaction (a slow SMTP server must not hold a connection), then records the outcome. */
export async function deliverMail({ merchantId, messageId }: { merchantId: string; messageId: string }) {
  const message = await withTenant(merchantId, (db) => db.mailMessage.findFirst({ where: { merchantId, id: messageId } }));
  if (!message || message.sentAt) return "skipped" as const;
  const where = { merchantId_id: { merchantId, id: messageId } };
  const transport = mailer();
  try {
    if (transport) await transport.sendMail({ from: env.MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
  } catch (error) {
    await withTenant(merchantId, (db) =>
      db.mailMessage.update({ where, data: { attempts: { increment: 1 }, lastError: (error as Error).message.slice(0, 500) } }),
    );
    throw error;
  }
  await withTenant(merchantId, (db) => db.mailMessage.update({ where, data: { sentAt: new Date(), attempts: { increment: 1 }, lastError: null } }));
  return transport ? ("sent" as const) : ("captured" as const);
}

export function listMail(db: Db, merchantId: string, take = 20) {
  return db.mailMessage.findMany({ where: { merchantId }, orderBy: { createdAt: "desc" }, take });
}
