import { fold, localDateTimeToInstant } from "~/modules/groups/criteria";
import { normalizePhone, toLatinDigits } from "~/modules/customers/identity";
import { message, z } from "~/modules/validation/messages";
import { fallbackLanguage } from "~/utils/i18n";

/**
 * Custom fields as every boundary sees them (dashboard form, API, CSV, and later the storefront): one definition
 * shape and one validator, so a value accepted in one place is accepted everywhere. Client-safe (no database).
 */
export const customFieldTypes = ["text", "textarea", "number", "email", "phone", "url", "date", "time", "datetime", "select", "radio", "checkbox", "yesno"] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];
export const choiceTypes = new Set<CustomFieldType>(["select", "radio", "checkbox"]);
export const textTypes = new Set<CustomFieldType>(["text", "textarea", "email", "phone", "url"]);
export const customFieldLocations = ["account", "address"] as const;
export const customFieldVisibilities = ["everywhere", "dashboard"] as const;

export type Localized = Partial<Record<string, string>>;

export interface FieldOption {
  id: string;
  label: Localized;
}

/** A definition as validators and forms need it (dates and decimals already plain). */
export interface FieldDefinition {
  id: string;
  key: string;
  name: Localized;
  type: CustomFieldType;
  location: (typeof customFieldLocations)[number];
  requiredForAll: boolean;
  requiredGroupIds: string[];
  minLength: number | null;
  maxLength: number | null;
  minValue: number | null;
  maxValue: number | null;
  pattern: string | null;
  patternMessage: Localized;
  placeholder: Localized;
  help: Localized;
  defaultValue: CustomValue | null;
  enabled: boolean;
  visibility: (typeof customFieldVisibilities)[number];
  options: FieldOption[];
}

/**
 * A stored answer, normalized: text types a string (phones in E.164), number a number, date YYYY-MM-DD, time
 * HH:MM, datetime an ISO instant, select/radio one option id, checkbox option ids, yes/no a boolean.
 */
export type CustomValue = string | number | boolean | string[];
export type CustomValues = Record<string, CustomValue | null>;

/** Text in the reader's language, else the shop's, else any. */
export function localized(text: Localized | null | undefined, lng: string, shopLanguage: string = fallbackLanguage) {
  if (!text) return "";
  return text[lng] || text[shopLanguage] || Object.values(text).find(Boolean) || "";
}

export function isEmpty(value: unknown) {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}

/** Whether the field must be answered by a customer in these groups. */
export function isRequired(field: Pick<FieldDefinition, "requiredForAll" | "requiredGroupIds">, groupIds: readonly string[]) {
  return field.requiredForAll || field.requiredGroupIds.some((id) => groupIds.includes(id));
}

/** Finds an option by id or by its label in any language (case-insensitive), as CSV and API clients may send either. */
export function findOption(field: Pick<FieldDefinition, "options">, raw: string) {
  const wanted = fold(raw.trim());
  return field.options.find((o) => o.id === raw.trim()) ?? field.options.find((o) => Object.values(o.label).some((l) => l && fold(l.trim()) === wanted));
}

const YES = new Set(["true", "1", "yes", "on", "y", "ναι", "да", "نعم", "بله"]);
const NO = new Set(["false", "0", "no", "off", "n", "όχι", "нет", "لا", "خیر"]);

export interface ValueContext {
  /** Shop country, for phone numbers without an international prefix. */
  country: string;
  /** Shop time zone, for date-times typed without one. */
  timeZone: string;
  /** The reader's language, for the shop's own pattern messages. */
  lng: string;
}

function toNumber(raw: unknown) {
  if (typeof raw === "number") return raw;
  if (typeof raw !== "string") return Number.NaN;
  const latin = toLatinDigits(raw.trim()).replace("٫", ".").replace(/[٬,\s]/g, "");
  return /^[-+]?\d+(\.\d+)?$/.test(latin) ? Number(latin) : Number.NaN;
}

function isIsoDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Validates and normalizes one non-empty answer. Returns the value or an error message (a validation key, see
 * validation/messages.ts).
 */
export function normalizeValue(field: FieldDefinition, raw: unknown, context: ValueContext): { value: CustomValue } | { error: string } {
  const text = typeof raw === "string" ? raw.trim() : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : null;
  switch (field.type) {
    case "text":
    case "textarea": {
      if (text === null) return { error: message("invalid") };
      if (field.minLength !== null && [...text].length < field.minLength) return { error: message("tooShort", { min: field.minLength, count: field.minLength }) };
      const max = field.maxLength ?? (field.type === "text" ? 255 : 5000);
      if ([...text].length > max) return { error: message("tooLong", { max, count: max }) };
      if (field.pattern && !safeTest(field.pattern, text)) {
        const own = localized(field.patternMessage, context.lng);
        return { error: own ? message("fieldPatternOwn", { text: own }) : message("fieldPattern") };
      }
      return { value: text };
    }
    case "number": {
      const n = toNumber(raw);
      if (!Number.isFinite(n) || Math.abs(n) >= 1e14) return { error: message("number") };
      if (field.minValue !== null && n < field.minValue) return { error: message("tooSmall", { min: field.minValue }) };
      if (field.maxValue !== null && n > field.maxValue) return { error: message("tooBig", { max: field.maxValue }) };
      return { value: Math.round(n * 1e6) / 1e6 };
    }
    case "email": {
      const parsed = z.string().email().max(254).safeParse(text?.toLowerCase());
      return parsed.success ? { value: parsed.data } : { error: message("email") };
    }
    case "phone": {
      const e164 = text ? normalizePhone(text, context.country) : null;
      return e164 ? { value: e164 } : { error: message("phone") };
    }
    case "url": {
      try {
        const url = new URL(text ?? "");
        if ((url.protocol === "http:" || url.protocol === "https:") && (text ?? "").length <= 2000) return { value: url.toString() };
      } catch {
        // falls through to the error
      }
      return { error: message("url") };
    }
    case "date": {
      const v = text ? toLatinDigits(text) : "";
      return isIsoDate(v) ? { value: v } : { error: message("date") };
    }
    case "time": {
      const v = text ? toLatinDigits(text) : "";
      const m = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/.exec(v);
      return m ? { value: `${m[1]}:${m[2]}` } : { error: message("time") };
    }
    case "datetime": {
      const v = text ? toLatinDigits(text) : "";
      const local = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d+)?)?$/.exec(v);
      if (local && isIsoDate(local[1]!)) return { value: localDateTimeToInstant(local[1]!, `${local[2]}:${local[3]}`, context.timeZone).toISOString() };
      const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) ? new Date(v) : null;
      return zoned && !Number.isNaN(zoned.getTime()) ? { value: zoned.toISOString() } : { error: message("datetime") };
    }
    case "select":
    case "radio": {
      const option = text ? findOption(field, text) : undefined;
      return option ? { value: option.id } : { error: message("choose") };
    }
    case "checkbox": {
      const items = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/[;\n]/) : [];
      const ids: string[] = [];
      for (const item of items) {
        if (typeof item !== "string") return { error: message("choose") };
        if (item.trim() === "") continue;
        const option = findOption(field, item);
        if (!option) return { error: message("choose") };
        if (!ids.includes(option.id)) ids.push(option.id);
      }
      // Stored in the definition's order, so the same choices always read the same.
      return { value: field.options.map((o) => o.id).filter((id) => ids.includes(id)) };
    }
    case "yesno": {
      if (typeof raw === "boolean") return { value: raw };
      const v = text ? fold(text) : "";
      if (YES.has(v)) return { value: true };
      if (NO.has(v)) return { value: false };
      return { error: message("yesNo") };
    }
  }
}

/** A shop's regular expression, tested without letting a bad pattern break the form. */
function safeTest(pattern: string, value: string) {
  try {
    return new RegExp(`^(?:${pattern})$`, "u").test(value);
  } catch {
    return true;
  }
}

export interface ValidateOptions extends ValueContext {
  /** The groups whose requirements apply (see effectiveGroupIds). */
  groupIds: readonly string[];
  /** Reject keys that are not fields of this location (the API does; forms ignore unknown inputs). */
  strict?: boolean;
}

/**
 * The zod schema of a `customFields` object: one entry per enabled field of the location, keyed by field key.
 * Empty answers become null (cleared); required ones report `required` at their own path.
 */
export function customFieldsSchema(fields: FieldDefinition[], options: ValidateOptions) {
  const active = fields.filter((f) => f.enabled);
  const byKey = new Map(active.map((f) => [f.key, f]));
  return z
    .record(z.string(), z.unknown())
    .optional()
    .transform((input, ctx) => {
      const out: CustomValues = {};
      const values = input ?? {};
      if (options.strict) {
        for (const key of Object.keys(values)) {
          if (!byKey.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: message("unknownField") });
        }
      }
      for (const field of active) {
        const raw = values[field.key];
        if (isEmpty(raw) || (field.type === "checkbox" && Array.isArray(raw) && raw.every(isEmpty))) {
          if (isRequired(field, options.groupIds)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.key], message: message("required") });
          out[field.key] = null;
          continue;
        }
        const result = normalizeValue(field, raw, options);
        if ("error" in result) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.key], message: result.error });
        else out[field.key] = result.value;
      }
      return out;
    });
}

/** The answer as people read it: option labels, yes/no, a date-time in the shop's zone. */
export function displayValue(field: FieldDefinition, value: CustomValue | null | undefined, lng: string, labels: { yes: string; no: string }, timeZone: string) {
  if (value === null || value === undefined) return "";
  switch (field.type) {
    case "select":
    case "radio":
    case "checkbox": {
      const ids = Array.isArray(value) ? value : [String(value)];
      return ids.map((id) => localized(field.options.find((o) => o.id === id)?.label, lng)).filter(Boolean).join("; ");
    }
    case "yesno":
      return value ? labels.yes : labels.no;
    case "datetime":
      return new Intl.DateTimeFormat(lng, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(String(value)));
    default:
      return String(value);
  }
}

/** The value as a form input holds it (datetime-local in the shop's zone). */
export function inputValue(field: FieldDefinition, value: CustomValue | null | undefined, timeZone: string): string | string[] {
  if (value === null || value === undefined) return field.type === "checkbox" ? [] : "";
  if (field.type === "checkbox") return Array.isArray(value) ? value : [String(value)];
  if (field.type === "yesno") return value ? "true" : "false";
  if (field.type === "datetime") {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
        .formatToParts(new Date(String(value)))
        .map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  }
  return String(value);
}
