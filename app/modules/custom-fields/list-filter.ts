import { toLatinDigits } from "~/modules/customers/identity";
import { isUuid } from "~/utils/uuid";
import { FIELD_KEY } from "./schemas";

/**
 * Custom-field filters of the customer list, as they appear in the URL: `cf.<key>=<option id>` (has the option),
 * `cf.<key>=yes|no`, `cf.<key>.min` / `.max` (number), `cf.<key>.from` / `.to` (date or date-time, days in the
 * shop's time zone), `cf.<key>.has` (text contains) and `cf.<key>.is` (text equals). Client-safe.
 */
export const filterOps = ["min", "max", "from", "to", "has", "is"] as const;
export type FilterOp = (typeof filterOps)[number];

export interface FieldFilter {
  option?: string;
  yes?: boolean;
  min?: number;
  max?: number;
  from?: string;
  to?: string;
  has?: string;
  is?: string;
}

const PARAM = new RegExp(`^(${FIELD_KEY.source.slice(1, -1)})(?:\\.(${filterOps.join("|")}))?$`);

/** Whether a `cf.…` parameter (without the prefix) and its value make a filter; a hand-edited bad one is dropped. */
export function validFilterParam(param: string, raw: string) {
  const m = PARAM.exec(param);
  if (!m) return false;
  const value = toLatinDigits(raw.trim());
  switch (m[2] as FilterOp | undefined) {
    case undefined:
      return isUuid(value) || value === "yes" || value === "no";
    case "min":
    case "max":
      return /^-?\d{1,14}(\.\d{1,6})?$/.test(value);
    case "from":
    case "to":
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    default:
      return value.length > 0 && value.length <= 100;
  }
}

/** The filters grouped by field key (every condition on one field applies to the same answer). */
export function fieldFilters(params: Record<string, string>) {
  const byKey = new Map<string, FieldFilter>();
  for (const [param, raw] of Object.entries(params)) {
    if (!validFilterParam(param, raw)) continue;
    const [key, op] = param.split(".") as [string, FilterOp | undefined];
    const value = toLatinDigits(raw.trim());
    const filter = byKey.get(key) ?? {};
    if (op === undefined) {
      if (isUuid(value)) filter.option = value.toLowerCase();
      else filter.yes = value === "yes";
    } else if (op === "min" || op === "max") filter[op] = Number(value);
    else filter[op] = value;
    byKey.set(key, filter);
  }
  return byKey;
}
