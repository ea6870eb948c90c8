import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listMail } from "~/modules/mail/deliver-mail.server";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "manage:settings", async ({ db, merchant }) => ({
    timezone: merchant.timezone,
    messages: (await listMail(db, merchant.id, 50)).map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      text: m.text,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
      lastError: m.lastError,
    })),
  }));
}

export default function MailOutbox() {
  const { t } = useTranslation("settings");
  const locale = useLocale();
  const { messages, timezone } = useLoaderData<typeof loader>();
  return (
    <section className="panel">
      <h2>{t("mail.title")}</h2>
      <p className="hint">{t("mail.hint")}</p>
      {messages.length === 0 ? (
        <p className="empty">{t("mail.empty")}</p>
      ) : (
        <ul className="mail-list">
          {messages.map((m) => (
            <li key={m.id}>
              <details>
                <summary>
                  <span dir="ltr">{m.to}</span> · {m.subject} · {formatDateTime(locale, m.createdAt, timezone)} ·{" "}
                  {m.sentAt ? t("mail.delivered") : m.lastError ? t("mail.failed") : t("mail.queued")}
                </summary>
                <pre>{m.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
