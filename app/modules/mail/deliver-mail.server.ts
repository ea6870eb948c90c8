import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/utils/env.server";
import { withTenant } from "~/utils/db.server";

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

export async function deliverMail({ merchantId, messageId }: { merchantId: string; messageId: string }) {
  const outcome = await withTenant(merchantId, async (db) => {
    const message = await db.mailMessage.findFirst({ where: { merchantId, id: messageId } });
    if (!message || message.sentAt) return "skipped" as const;
    const transport = mailer();
    try {
      if (transport) await transport.sendMail({ from: env.MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
    } catch (error) {
      await db.mailMessage.update({
        where: { merchantId_id: { merchantId, id: messageId } },
        data: { attempts: { increment: 1 }, lastError: (error as Error).message.slice(0, 500) },
      });
      // Thrown after the commit (so the job retries): thrown in here, it would roll back the recorded failure.
      return { failed: error };
    }
    await db.mailMessage.update({
      where: { merchantId_id: { merchantId, id: messageId } },
      data: { sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
    });
    return transport ? ("sent" as const) : ("captured" as const);
  });
  if (typeof outcome === "object") throw outcome.failed;
  return outcome;
}

export function listMail(db: Parameters<Parameters<typeof withTenant>[1]>[0], merchantId: string, take = 20) {
  return db.mailMessage.findMany({ where: { merchantId }, orderBy: { createdAt: "desc" }, take });
}
