import type { LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { customerIdParam } from "~/modules/customers/route-helpers.server";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime } from "~/utils/format";
import type { action as customerAction } from "./m.$shop.customers.$id";

export async function loader(args: LoaderFunctionArgs) {
  const id = customerIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant }) => {
    const customer = await db.customer.findFirst({ where: { merchantId: merchant.id, id }, select: { email: true } });
    if (!customer) notFound();
    const sent = await db.mailMessage.findMany({ where: { merchantId: merchant.id, to: customer.email }, orderBy: { createdAt: "desc" }, take: 20 });
    return { email: customer.email, timezone: merchant.timezone, sent: sent.map((m) => ({ id: m.id, subject: m.subject, at: m.createdAt.toISOString(), delivered: Boolean(m.sentAt) })) };
  });
}

export default function Message() {
  const { t } = useTranslation("customers");
  const locale = useLocale();
  const { email, sent, timezone } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof customerAction>();
  const actionData = fetcher.data;
  const parent = useRouteLoaderData<{ canEdit: boolean }>("routes/m.$shop.customers.$id");
  const errors = actionData?.intent === "message" ? actionData.errors : null;
  return (
    <section className="panel">
      <h2>{t("message.title")}</h2>
      {parent?.canEdit ? (
        <fetcher.Form method="post" action=".." className="stack" key={sent.length}>
          <input type="hidden" name="intent" value="message" />
          <p className="hint">
            {t("message.to")} <span dir="ltr">{email}</span>
          </p>
          <label htmlFor="subject">{t("message.subject")}</label>
          <input id="subject" name="subject" required maxLength={200} aria-invalid={errors?.subject ? true : undefined} />
          <label htmlFor="body">{t("message.body")}</label>
          <textarea id="body" name="body" rows={6} required aria-invalid={errors?.body ? true : undefined} />
          <button type="submit" className="button primary">
            {t("message.send")}
          </button>
          {actionData?.intent === "message" && actionData.ok ? <p role="status">{t("message.queued")}</p> : null}
        </fetcher.Form>
      ) : null}
      <h3>{t("message.sent")}</h3>
      {sent.length === 0 ? (
        <p className="empty">{t("message.none")}</p>
      ) : (
        <ul className="list">
          {sent.map((m) => (
            <li key={m.id}>
              {m.subject} · {formatDateTime(locale, m.at, timezone)} · {m.delivered ? t("message.delivered") : t("message.pending")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
