import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArrowIcon } from "~/components/icons";
import { decodeCursor, listCustomers, PAGE_SIZES } from "~/modules/customers/list-customers.server";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDate, formatNumber } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const size = Number(url.searchParams.get("size"));
  const take = (PAGE_SIZES as readonly number[]).includes(size) ? size : 50;
  return inShop(args, "view:customers", async ({ db, merchant }) => ({
    ...(await listCustomers(db, { merchantId: merchant.id, after: decodeCursor(url.searchParams.get("after")), take })),
    total: await db.customer.count({ where: { merchantId: merchant.id } }),
    timezone: merchant.timezone,
  }));
}

export default function Customers() {
  const { t } = useTranslation("customers");
  const locale = useLocale();
  const { customers, next, total, timezone } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();

  return (
    <>
      <h1>{t("list.title")}</h1>
      <p className="muted">{t("list.total", { count: total, n: formatNumber(locale, total) })}</p>
      {customers.length === 0 ? (
        <p className="empty">{t("list.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("list.name")}</th>
              <th scope="col">{t("list.email")}</th>
              <th scope="col">{t("list.status")}</th>
              <th scope="col">{t("list.approval")}</th>
              <th scope="col">{t("list.added")}</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((c) => (
              <tr key={c.id}>
                <td lang={c.locale ?? undefined}>
                  {c.firstName} {c.lastName}
                </td>
                <td dir="ltr">{c.email}</td>
                <td>{t(`status.${c.status}`)}</td>
                <td>{t(`approval.${c.approval}`)}</td>
                <td>{formatDate(locale, c.createdAt, timezone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={t("list.pages")}>
        {params.get("after") ? <Link to=".">{t("list.first")}</Link> : null}
        {next ? (
          <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), after: next })}`} rel="next">
            {t("list.next")} <ArrowIcon />
          </Link>
        ) : null}
      </nav>
    </>
  );
}
