import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { RecomputeView } from "~/modules/groups/members.server";
import { useLocale } from "~/root";
import { formatDateTime, formatNumber } from "~/utils/format";
import { intlLocale } from "~/utils/i18n";

/** Reloads the page's data every `ms` while `active`, e.g. while a recompute runs. */
export function usePolling(active: boolean, ms = 1000) {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (latest.current.state === "idle") latest.current.revalidate();
    }, ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}

/** Time left from the pace so far; null until there is a pace to go by. */
export function remainingMs(recompute: Pick<RecomputeView, "done" | "total" | "startedAt">, now: string) {
  const elapsed = Date.parse(now) - Date.parse(recompute.startedAt);
  if (recompute.done <= 0 || elapsed <= 0) return null;
  return Math.max(0, (elapsed / recompute.done) * (recompute.total - recompute.done));
}

function timeFromNow(locale: string, ms: number) {
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "always" });
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return format.format(seconds, "second");
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return format.format(minutes, "minute");
  return format.format(Math.round(minutes / 60), "hour");
}

export function RecomputeStatus({ recompute, now, timezone, compact = false }: { recompute: RecomputeView | null; now: string; timezone: string; compact?: boolean }) {
  const { t } = useTranslation("groups");
  const locale = useLocale();
  if (!recompute) return <span className="muted">{t("recompute.never")}</span>;
  const n = (value: number) => formatNumber(locale, value);
  if (recompute.status === "running") {
    const fraction = recompute.total > 0 ? Math.min(1, recompute.done / recompute.total) : 0;
    const percent = new Intl.NumberFormat(intlLocale(locale), { style: "percent", maximumFractionDigits: 0 }).format(fraction);
    const left = remainingMs(recompute, now);
    return (
      <div className={`recompute running${compact ? " compact" : ""}`} data-testid="recompute-status">
        <div className="recompute-line">
          <strong>{t("recompute.running", { percent })}</strong>
          {!compact ? <span className="muted">{t("recompute.progress", { done: n(recompute.done), total: n(recompute.total) })}</span> : null}
        </div>
        <progress value={recompute.done} max={Math.max(1, recompute.total)} aria-label={t("recompute.progressLabel")} />
        {!compact ? <span className="muted small">{left === null ? t("recompute.estimating") : t("recompute.eta", { time: timeFromNow(locale, left) })}</span> : null}
      </div>
    );
  }
  if (recompute.status === "failed") {
    return (
      <span className="recompute failed muted" data-testid="recompute-status">
        {recompute.superseded ? t("recompute.superseded") : t("recompute.failed")}
      </span>
    );
  }
  return (
    <div className={`recompute done${compact ? " compact" : ""}`} data-testid="recompute-status">
      <span>{t("recompute.done", { date: formatDateTime(locale, recompute.finishedAt ?? recompute.startedAt, timezone) })}</span>{" "}
      <span className="muted">{t("recompute.changes", { added: n(recompute.added), removed: n(recompute.removed) })}</span>
    </div>
  );
}
