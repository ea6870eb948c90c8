import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SizeChart } from "~/components/groups/size-chart";
import { getGroup } from "~/modules/groups/groups.server";
import { groupSizeOverTime, membershipHistory, SIZE_DAYS } from "~/modules/groups/members.server";
import { groupIdParam } from "~/modules/groups/route-helpers.server";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime, formatNumber } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const id = groupIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant }) => {
    const group = await getGroup({ db, merchant }, id);
    if (!group) notFound();
    return {
      days: SIZE_DAYS,
      sizes: await groupSizeOverTime({ db, merchant }, id, { days: SIZE_DAYS }),
      events: await membershipHistory({ db, merchant }, id),
      shop: { slug: merchant.slug, timezone: merchant.timezone },
    };
  });
}

export default function GroupHistory() {
  const { t } = useTranslation("groups");
  const locale = useLocale();
  const { days, sizes, events, shop } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="panel">
        <h2>{t("history.chartTitle", { days: formatNumber(locale, days) })}</h2>
        <SizeChart points={sizes} />
      </section>
      <section className="panel">
        <h2>{t("history.latest")}</h2>
        {events.length === 0 ? (
          <p className="empty">{t("history.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("history.when")}</th>
                  <th scope="col">{t("history.customer")}</th>
                  <th scope="col">{t("history.change")}</th>
                  <th scope="col">{t("history.reason")}</th>
                  <th scope="col">{t("history.version")}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(locale, e.at, shop.timezone)}</td>
                    <td>
                      {e.customerName ? (
                        <Link to={`/m/${shop.slug}/customers/${e.customerId}`} lang={e.customerLocale ?? undefined}>
                          {e.customerName}
                        </Link>
                      ) : (
                        <span className="muted">{t("history.deletedCustomer", { id: e.customerId })}</span>
                      )}
                    </td>
                    <td>
                      <span className={`badge ${e.change === "joined" ? "active" : "blocked"}`}>{t(`history.changes.${e.change}`)}</span>
                    </td>
                    <td>
                      {t(`history.reasons.${e.reason}`)}
                      {e.actor ? <span className="muted"> {t("history.by", { name: e.actor })}</span> : null}
                    </td>
                    <td>{e.criteriaVersion === null ? "—" : formatNumber(locale, e.criteriaVersion)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
