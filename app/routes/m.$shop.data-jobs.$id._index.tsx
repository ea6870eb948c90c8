import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useParams, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { getDataJob, jobView } from "~/modules/imports/data-jobs.server";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { parseMessage } from "~/modules/validation/messages";
import { useLocale } from "~/root";
import { formatDateTime, formatNumber } from "~/utils/format";
import { intlLocale } from "~/utils/i18n";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "view:customers", async (shop) => {
    const job = await getDataJob(shop, args.params.id);
    if (!job) notFound();
    return { job: jobView(job), timezone: shop.merchant.timezone };
  });
}

const POLL_MS = 1_500;

/** "about 40 s", "about 3 min", "about 2 h" in the reader's language and digits. */
function formatDuration(locale: string, seconds: number) {
  const [value, unit] = seconds < 90 ? [seconds, "second"] : seconds < 90 * 60 ? [Math.round(seconds / 60), "minute"] : [Math.round(seconds / 3600), "hour"];
  return new Intl.NumberFormat(intlLocale(locale), { style: "unit", unit, unitDisplay: "long" }).format(value);
}

export default function DataJobProgress() {
  const { t } = useTranslation("imports");
  const locale = useLocale();
  const { job, timezone } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const base = `/m/${useParams().shop}`;
  const active = job.status === "queued" || job.status === "running";
  const n = (value: number) => formatNumber(locale, value);

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, revalidator]);

  const percent = new Intl.NumberFormat(intlLocale(locale), { style: "percent" }).format(job.percent / 100);
  const error = job.error ? parseMessage(job.error) : null;
  const errorParams = error ? Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, typeof v === "number" ? n(v) : v])) : {};
  const unchanged = job.kind === "import" && job.mode === "update_or_create" ? Math.max(0, job.processed - job.created - job.updated - job.rejected) : null;

  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/data-jobs`}>{t("links.jobs")}</Link>
      </p>
      <h1 dir="auto">{job.kind === "import" ? t("job.importTitle", { file: job.fileName }) : t("job.exportTitle", { file: job.fileName })}</h1>
      <p className="muted">
        {t("job.startedBy", { name: job.createdBy, date: formatDateTime(locale, job.createdAt, timezone) })}
        {job.mode ? (
          <>
            {" · "}
            {t("job.mode", { mode: t(`job.modes.${job.mode}`) })}
          </>
        ) : null}
      </p>

      <section className="panel" aria-labelledby="job-progress-label">
        <h2 id="job-progress-label">
          {t("job.progress")} <span className={`badge ${job.status === "failed" ? "blocked" : job.status === "done" ? "active" : "pending"}`}>{t(`jobs.statuses.${job.status}`)}</span>
        </h2>
        {job.status === "queued" ? (
          <progress aria-labelledby="job-progress-label" style={{ inlineSize: "100%" }} />
        ) : (
          <progress aria-labelledby="job-progress-label" max={100} value={job.percent} style={{ inlineSize: "100%" }} />
        )}
        <p role="status" aria-live="polite">
          {job.status === "queued" ? t("job.queued") : <strong>{percent}</strong>}
          {job.status === "running" ? (
            <>
              {" · "}
              {job.total ? t("job.rows", { processed: n(job.processed), total: n(job.total) }) : t("job.rowsSoFar", { processed: n(job.processed) })}
              {job.kind === "import" ? (
                <>
                  {" · "}
                  {t("job.rejectedSoFar", { n: n(job.rejected) })}
                </>
              ) : null}
              {" · "}
              {job.etaSeconds ? t("job.eta", { time: formatDuration(locale, job.etaSeconds) }) : job.total && job.processed >= job.total ? t("job.finishing") : null}
            </>
          ) : null}
        </p>
        {active ? <p className="hint">{t("job.live")}</p> : null}
      </section>

      {job.status === "failed" ? (
        <section className="panel" role="alert">
          <p>
            <strong>{t("job.failed")}</strong>
          </p>
          {error ? <p dir="auto">{t(`errors.${error.key}`, errorParams)}</p> : null}
          {job.kind === "import" ? (
            <p>
              <Link to={`${base}/customers/import`}>{t("job.importAnother")}</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {job.status === "done" ? (
        <section className="panel">
          <p>
            <strong>{job.kind === "import" ? t("job.doneImport") : t("job.doneExport")}</strong>
          </p>
          <dl className="facts">
            {job.kind === "import" ? (
              <>
                <dt>{t("job.counts.total")}</dt>
                <dd data-testid="count-total">{n(job.processed)}</dd>
                <dt>{t("job.counts.created")}</dt>
                <dd data-testid="count-created">{n(job.created)}</dd>
                <dt>{t("job.counts.updated")}</dt>
                <dd data-testid="count-updated">{n(job.updated)}</dd>
                {unchanged !== null ? (
                  <>
                    <dt>{t("job.counts.unchanged")}</dt>
                    <dd>{n(unchanged)}</dd>
                  </>
                ) : null}
                <dt>{t("job.counts.rejected")}</dt>
                <dd data-testid="count-rejected">{n(job.rejected)}</dd>
              </>
            ) : (
              <>
                <dt>{t("job.counts.exported")}</dt>
                <dd data-testid="count-exported">{n(job.processed)}</dd>
              </>
            )}
          </dl>
          {job.kind === "import" && job.rejected === 0 ? <p>{t("job.noRejections")}</p> : null}
          {job.downloadable ? (
            <p>
              <a className="button primary" href={`${base}/data-jobs/${job.id}/download`} download>
                {job.kind === "import" ? t("job.downloadReport") : t("job.downloadExport")}
              </a>
            </p>
          ) : null}
          {job.kind === "import" && job.rejected > 0 ? <p className="hint">{t("job.reportHint")}</p> : null}
          {job.kind === "import" ? (
            <p>
              <Link to={`${base}/customers/import`}>{t("job.importAnother")}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
