import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { getOverview } from "~/modules/merchants/overview.server";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime, formatNumber } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, null, async (shop) => ({ ...(await getOverview(shop)), timezone: shop.merchant.timezone }));
}

const REFRESH_MS = 5_000;

export default function Overview() {
  const { t } = useTranslation("dashboard");
  const { counts, activity, health, timezone } = useLoaderData<typeof loader>();
  const locale = useLocale();
  const revalidator = useRevalidator();

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [revalidator]);

  const stats = [
    { key: "customers", value: counts.customers },
    { key: "newCustomers", value: counts.newCustomers },
    { key: "pendingApproval", value: counts.pendingApproval },
    { key: "staff", value: counts.staff },
  ] as const;

  return (
    <>
      <h1>{t("overview.title")}</h1>
      <section className="stats" aria-label={t("overview.countsLabel")}>
        {stats.map((stat) => (
          <div className="stat" key={stat.key} data-testid={`stat-${stat.key}`}>
            <span className="stat-value">{formatNumber(locale, stat.value)}</span>
            <span className="stat-label">{t(`overview.${stat.key}`, { days: formatNumber(locale, 30) })}</span>
          </div>
        ))}
      </section>

      <div className="columns">
        <section className="panel">
          <h2>{t("overview.activity")}</h2>
          {activity.length === 0 ? (
            <p className="empty">{t("overview.noActivity")}</p>
          ) : (
            <ul className="activity">
              {activity.map((item) => (
                <li key={item.id}>
                  <time dateTime={item.at}>{formatDateTime(locale, item.at, timezone)}</time>
                  <span>
                    {t(`activity.${item.action}`, { actor: item.actor ?? t("overview.system"), subject: item.subject ?? "" })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="panel">
          <h2>{t("overview.workers")}</h2>
          {health === null ? (
            <p className="warning">{t("overview.redisDown")}</p>
          ) : (
            <>
              <p data-testid="workers-online">{t("overview.workersOnline", { count: health.workers.length, n: formatNumber(locale, health.workers.length) })}</p>
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">{t("overview.queue")}</th>
                    <th scope="col">{t("overview.waiting")}</th>
                    <th scope="col">{t("overview.active")}</th>
                    <th scope="col">{t("overview.delayed")}</th>
                    <th scope="col">{t("overview.failed")}</th>
                  </tr>
                </thead>
                <tbody>
                  {health.queues.map((queue) => (
                    <tr key={queue.name}>
                      <th scope="row">{t(`queues.${queue.name}`)}</th>
                      <td>{formatNumber(locale, queue.waiting)}</td>
                      <td>{formatNumber(locale, queue.active)}</td>
                      <td>{formatNumber(locale, queue.delayed)}</td>
                      <td>{formatNumber(locale, queue.failed)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      </div>
    </>
  );
}
