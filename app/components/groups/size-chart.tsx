import { useTranslation } from "react-i18next";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";
import { intlLocale, textDirection } from "~/utils/i18n";
import { formatLocalDate } from "./describe";

const WIDTH = 720;
const HEIGHT = 220;
const AXIS = 52;
const EDGE = 16;
const TOP = 14;
const BOTTOM = 30;

/** A round upper bound for the y axis: 1, 2, 2.5 or 5 times a power of ten. */
export function niceMax(value: number) {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value)!;
  return step * power;
}

/**
 * The group's size per day as an inline SVG line chart (drawn with direction: ltr, so coordinates and text anchors
 * mean the same in every language). Time runs in the reading direction: left to right, and right
 * to left in Arabic and Persian, with the value axis on the side where reading starts.
 */
export function SizeChart({ points }: { points: Array<{ day: string; size: number }> }) {
  const { t } = useTranslation("groups");
  const locale = useLocale();
  const rtl = textDirection(locale) === "rtl";
  if (points.length === 0) return null;
  const max = niceMax(Math.max(...points.map((p) => p.size)));
  const plotWidth = WIDTH - AXIS - EDGE;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  // Positions along the reading direction, mirrored for right-to-left.
  const along = (i: number) => {
    const offset = AXIS + (points.length === 1 ? plotWidth : (i / (points.length - 1)) * plotWidth);
    return rtl ? WIDTH - offset : offset;
  };
  const y = (size: number) => TOP + plotHeight - (size / max) * plotHeight;
  const line = points.map((p, i) => `${i === 0 ? "M" : "L"}${along(i).toFixed(1)},${y(p.size).toFixed(1)}`).join(" ");
  const area = `${line} L${along(points.length - 1).toFixed(1)},${y(0)} L${along(0).toFixed(1)},${y(0)} Z`;
  const ticks = [0, max / 2, max];
  const axisX = rtl ? WIDTH - AXIS : AXIS;
  const labelX = rtl ? WIDTH - AXIS + 8 : AXIS - 8;
  const labelAnchor = rtl ? "start" : "end";
  const dateIndexes = [...new Set([0, Math.round((points.length - 1) / 3), Math.round(((points.length - 1) * 2) / 3), points.length - 1])];
  const shortDate = (day: string) => new Intl.DateTimeFormat(intlLocale(locale), { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const summary = t("history.chartSummary", {
    from: formatNumber(locale, first.size),
    start: formatLocalDate(locale, first.day),
    to: formatNumber(locale, last.size),
    end: formatLocalDate(locale, last.day),
  });

  return (
    <figure className="size-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} data-testid="size-chart">
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="grid" x1={rtl ? EDGE : AXIS} x2={rtl ? WIDTH - AXIS : WIDTH - EDGE} y1={y(tick)} y2={y(tick)} />
            <text className="tick" x={labelX} y={y(tick) + 4} textAnchor={labelAnchor}>
              {formatNumber(locale, tick)}
            </text>
          </g>
        ))}
        <line className="axis" x1={axisX} x2={axisX} y1={TOP} y2={y(0)} />
        <path className="area" d={area} />
        <path className="line" d={line} />
        <circle className="dot" cx={along(points.length - 1)} cy={y(last.size)} r={4} />
        {dateIndexes.map((i) => (
          <text key={i} className="tick" x={along(i)} y={HEIGHT - 8} textAnchor={i === 0 ? (rtl ? "end" : "start") : i === points.length - 1 ? (rtl ? "start" : "end") : "middle"}>
            {shortDate(points[i]!.day)}
          </text>
        ))}
      </svg>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
