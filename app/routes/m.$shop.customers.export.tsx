import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { countCustomers } from "~/modules/customers/list-customers.server";
import { parseListQuery, type ListFilters } from "~/modules/customers/list-query";
import { createExportJob } from "~/modules/imports/data-jobs.server";
import { exportColumns } from "~/modules/imports/schemas";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";
import { resolveLanguage } from "~/utils/i18n.server";

const filterKeys = ["q", "name", "email", "phone", "status", "approval", "ip", "from", "to", "newsletter"] as const satisfies ReadonlyArray<keyof ListFilters>;

/** The list's filter is read from the URL exactly as the customer list reads it, so the export matches the list. */
export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const query = parseListQuery(url.searchParams);
  return inShop(args, "view:customers", async ({ db, merchant }) => {
    const { count } = await countCustomers({ db, merchant }, query, true);
    const filters = filterKeys.flatMap((key) => (query[key] ? [{ key, value: String(query[key]) }] : []));
    const listParams = new URLSearchParams(filterKeys.flatMap((key) => (query[key] ? [[key, String(query[key])]] : [])));
    return { count, filters, listSearch: listParams.toString() };
  });
}

export async function action(args: ActionFunctionArgs) {
  const query = parseListQuery(new URL(args.request.url).searchParams);
  const locale = await resolveLanguage(args.request, args.context.auth?.user.locale);
  const id = await inShop(args, "view:customers", (shop) => createExportJob(shop, { filters: query, locale }));
  return redirect(`/m/${args.params.shop}/data-jobs/${id}`);
}

export default function ExportCustomers() {
  const { t } = useTranslation(["imports", "customers"]);
  const locale = useLocale();
  const { count, filters, listSearch } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const base = `/m/${useParams().shop}`;
  const valueText = (key: string, value: string) => {
    if (key === "status") return t(`customers:status.${value}`);
    if (key === "approval") return t(`customers:approval.${value}`);
    if (key === "newsletter") return value === "yes" ? t("customers:filters.subscribed") : t("customers:filters.notSubscribed");
    return value;
  };

  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/customers${listSearch ? `?${listSearch}` : ""}`}>{t("links.customers")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("export.title")}</h1>
        <div className="page-actions">
          <Link to={`${base}/data-jobs`} className="button subtle">
            {t("links.jobs")}
          </Link>
        </div>
      </div>
      <Form method="post" className="panel">
        <p>{t("export.intro")}</p>
        <h2>{t("export.filter")}</h2>
        {filters.length === 0 ? (
          <p>{t("export.noFilter")}</p>
        ) : (
          <dl className="facts">
            {filters.map(({ key, value }) => (
              <Fragment key={key}>
                <dt>{key === "q" ? t("customers:filters.search") : t(`customers:filters.${key}`)}</dt>
                <dd dir="auto">{valueText(key, value)}</dd>
              </Fragment>
            ))}
          </dl>
        )}
        <p>
          <Link to={`${base}/customers${listSearch ? `?${listSearch}` : ""}`}>{t("export.changeFilter")}</Link>
        </p>
        <p role="status">{t("export.matching", { n: formatNumber(locale, count) })}</p>
        <p className="hint" dir="auto">
          {t("export.columns", { columns: exportColumns.join(", ") })}
        </p>
        <button type="submit" className="button primary" disabled={navigation.state !== "idle"}>
          {t("export.submit")}
        </button>
      </Form>
    </>
  );
}
