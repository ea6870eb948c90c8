import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { jobView, listDataJobs } from "~/modules/imports/data-jobs.server";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime, formatNumber } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "view:customers", async (shop) => ({
    jobs: (await listDataJobs(shop)).map((job) => jobView(job)),
    timezone: shop.merchant.timezone,
  }));
}

export default function DataJobs() {
  const { t } = useTranslation("imports");
  const locale = useLocale();
  const { jobs, timezone } = useLoaderData<typeof loader>();
  const base = `/m/${useParams().shop}`;
  const n = (value: number) => formatNumber(locale, value);

  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/customers`}>{t("links.customers")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("jobs.title")}</h1>
        <div className="page-actions">
          <Link to={`${base}/customers/import`} className="button">
            {t("links.import")}
          </Link>
          <Link to={`${base}/customers/export`} className="button">
            {t("links.export")}
          </Link>
        </div>
      </div>
      {jobs.length === 0 ? (
        <p className="empty panel">{t("jobs.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("jobs.file")}</th>
                <th scope="col">{t("jobs.kind")}</th>
                <th scope="col">{t("jobs.status")}</th>
                <th scope="col">{t("jobs.result")}</th>
                <th scope="col">{t("jobs.startedBy")}</th>
                <th scope="col">{t("jobs.date")}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <td dir="auto">
                    <Link to={`${base}/data-jobs/${job.id}`}>{job.fileName}</Link>
                  </td>
                  <td>{t(`jobs.kinds.${job.kind}`)}</td>
                  <td>
                    <span className={`badge ${job.status === "failed" ? "blocked" : job.status === "done" ? "active" : "pending"}`}>{t(`jobs.statuses.${job.status}`)}</span>
                  </td>
                  <td>
                    {job.status !== "done"
                      ? "—"
                      : job.kind === "import"
                        ? t("jobs.summary.import", { created: n(job.created), updated: n(job.updated), rejected: n(job.rejected) })
                        : t("jobs.summary.export", { n: n(job.processed) })}
                  </td>
                  <td>{job.createdBy}</td>
                  <td>{formatDateTime(locale, job.createdAt, timezone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
