import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/field";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { webhookEvents } from "~/modules/webhooks/events";
import { addEndpoint, EndpointSchema, listDeliveries, removeEndpoint, rotateSecret, setEndpointActive } from "~/modules/webhooks/webhooks.server";
import { useLocale } from "~/root";
import { formatDateTime, formatNumber } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "manage:settings", async ({ db, merchant }) => ({
    timezone: merchant.timezone,
    secret: merchant.webhookSecret,
    endpoints: (await db.webhookEndpoint.findMany({ where: { merchantId: merchant.id }, orderBy: { createdAt: "asc" } })).map((e) => ({ id: e.id, url: e.url, events: e.events, active: e.active })),
    deliveries: (await listDeliveries({ db, merchant })).map((d) => ({
      id: d.id,
      event: d.event,
      url: d.endpoint.url,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
    })),
  }));
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get("intent"));
  return inShop(args, "manage:settings", async (shop) => {
    const id = String(form.get("id") ?? "");
    if (intent === "add") {
      const parsed = EndpointSchema.safeParse({ url: form.get("url"), events: form.getAll("events") });
      if (!parsed.success) return data({ errors: parsed.error.flatten().fieldErrors }, { status: 400 });
      await addEndpoint(shop, parsed.data);
    } else if (intent === "remove") await removeEndpoint(shop, id);
    else if (intent === "pause" || intent === "resume") await setEndpointActive(shop, id, intent === "resume");
    else if (intent === "rotate") await rotateSecret(shop);
    return { errors: null };
  });
}

export default function Webhooks() {
  const { t } = useTranslation("settings");
  const locale = useLocale();
  const { endpoints, deliveries, secret, timezone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <section className="panel">
        <h2>{t("webhooks.title")}</h2>
        <p className="hint">{t("webhooks.hint")}</p>
        {endpoints.length === 0 ? <p className="empty">{t("webhooks.none")}</p> : null}
        <ul className="list">
          {endpoints.map((e) => (
            <li key={e.id}>
              <code dir="ltr">{e.url}</code> · {e.events.map((ev) => t(`webhooks.events.${ev}`)).join(", ")} · {e.active ? t("webhooks.active") : t("webhooks.paused")}
              <Form method="post" className="inline">
                <input type="hidden" name="id" value={e.id} />
                <button type="submit" name="intent" value={e.active ? "pause" : "resume"} className="button subtle">
                  {e.active ? t("webhooks.pause") : t("webhooks.resume")}
                </button>
                <button type="submit" name="intent" value="remove" className="button subtle danger">
                  {t("webhooks.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="stack" key={endpoints.length}>
          <input type="hidden" name="intent" value="add" />
          <label htmlFor="webhook-url">{t("webhooks.url")}</label>
          <input id="webhook-url" name="url" type="url" dir="ltr" required aria-invalid={actionData?.errors?.url ? true : undefined} />
          <ErrorList errors={actionData?.errors?.url} />
          <fieldset className="checks">
            <legend>{t("webhooks.eventsLabel")}</legend>
            {webhookEvents.map((ev) => (
              <label key={ev}>
                <input type="checkbox" name="events" value={ev} defaultChecked />
                {t(`webhooks.events.${ev}`)}
              </label>
            ))}
          </fieldset>
          <ErrorList errors={actionData?.errors?.events} />
          <button type="submit" className="button primary">
            {t("webhooks.add")}
          </button>
        </Form>
      </section>

      {secret ? (
        <section className="panel">
          <h2>{t("webhooks.secretTitle")}</h2>
          <p className="hint">{t("webhooks.secretHint")}</p>
          <details>
            <summary>{t("webhooks.reveal")}</summary>
            <code dir="ltr" className="secret">
              {secret}
            </code>
          </details>
          <Form method="post" className="inline" onSubmit={(e) => { if (!confirm(t("webhooks.confirmRotate"))) e.preventDefault(); }}>
            <button type="submit" name="intent" value="rotate" className="button">
              {t("webhooks.rotate")}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="panel">
        <h2>{t("webhooks.log")}</h2>
        {deliveries.length === 0 ? (
          <p className="empty">{t("webhooks.noDeliveries")}</p>
        ) : (
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{t("webhooks.time")}</th>
                <th scope="col">{t("webhooks.event")}</th>
                <th scope="col">{t("webhooks.url")}</th>
                <th scope="col">{t("webhooks.status")}</th>
                <th scope="col">{t("webhooks.attempts")}</th>
                <th scope="col">{t("webhooks.response")}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>{formatDateTime(locale, d.createdAt, timezone)}</td>
                  <td>{t(`webhooks.events.${d.event}`)}</td>
                  <td dir="ltr">{d.url}</td>
                  <td>
                    <span className={`badge ${d.status === "succeeded" ? "approved" : d.status === "failed" ? "denied" : "pending"}`}>{t(`webhooks.states.${d.status}`)}</span>
                  </td>
                  <td>{formatNumber(locale, d.attempts)}</td>
                  <td dir="ltr">{d.lastStatus ?? d.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
