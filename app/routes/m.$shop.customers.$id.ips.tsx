import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listCustomerIps } from "~/modules/customers/ledger.server";
import { customerIdParam } from "~/modules/customers/route-helpers.server";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime, formatNumber } from "~/utils/format";
import { intlLocale } from "~/utils/i18n";

export async function loader(args: LoaderFunctionArgs) {
  const id = customerIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant }) => ({
    slug: merchant.slug,
    timezone: merchant.timezone,
    ips: await listCustomerIps({ db, merchant }, id),
  }));
}

export default function IpAddresses() {
  const { t } = useTranslation("customers");
  const locale = useLocale();
  const { ips, slug, timezone } = useLoaderData<typeof loader>();
  const regions = new Intl.DisplayNames([intlLocale(locale)], { type: "region" });
  return (
    <section className="panel">
      <h2>{t("ips.title")}</h2>
      <p className="hint">{t("ips.hint")}</p>
      {ips.length === 0 ? (
        <p className="empty">{t("ips.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("ips.ip")}</th>
              <th scope="col">{t("ips.country")}</th>
              <th scope="col">{t("ips.firstSeen")}</th>
              <th scope="col">{t("ips.lastSeen")}</th>
              <th scope="col">{t("ips.logins")}</th>
              <th scope="col">{t("ips.others")}</th>
            </tr>
          </thead>
          <tbody>
            {ips.map((ip) => (
              <tr key={ip.ip}>
                <td dir="ltr">{ip.ip}</td>
                <td>{ip.country ? regions.of(ip.country) : t("ips.unknown")}</td>
                <td>{formatDateTime(locale, ip.firstSeen, timezone)}</td>
                <td>{formatDateTime(locale, ip.lastSeen, timezone)}</td>
                <td>{formatNumber(locale, ip.loginCount)}</td>
                <td>
                  {ip.others > 0 ? (
                    <Link to={`/m/${slug}/customers?ip=${encodeURIComponent(ip.ip)}`} className="warning">
                      {t("ips.otherCustomers", { count: ip.others, n: formatNumber(locale, ip.others) })}
                    </Link>
                  ) : (
                    formatNumber(locale, 0)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
