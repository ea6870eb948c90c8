import { message } from "~/modules/validation/messages";
import type { CustomValue } from "./values";

/** Options of every choice field below: ids are given by the database, so answers are written by English label. */
export const fixtureOptions = [{ label: { en: "Shoes", fa: "کفش" } }, { label: { en: "Bags", fa: "کیف" } }];

export interface TypeCase {
  key: string;
  /** The definition as the API and customFieldSchema take it (key and name added by fieldBody). */
  definition: Record<string, unknown>;
  /** A good answer as a person types it (in a form or a CSV cell). */
  good: string;
  /** What is stored for it; `ids` maps an option's English label to its id. */
  stored: (ids: Record<string, string>) => CustomValue;
  bad: string;
  /** The validator's message for the bad answer ("key|params", see validation/messages.ts), `lng` the reader's. */
  error: (lng: string) => string;
}

/** One good and one bad answer for every type, for a shop in Greece (phones) on Athens time (date-times). */
export const typeCases: TypeCase[] = [
  { key: "nickname", definition: { type: "text", minLength: 2, maxLength: 5 }, good: " ab ", stored: () => "ab", bad: "a", error: () => message("tooShort", { min: 2, count: 2 }) },
  {
    key: "tax_code",
    definition: { type: "text", pattern: "[A-Z]{2}\\d{3}", patternMessage: { en: "Like AB123", fa: "مانند AB123" } },
    good: "AB123",
    stored: () => "AB123",
    bad: "ab12",
    error: (lng) => message("fieldPatternOwn", { text: lng === "fa" ? "مانند AB123" : "Like AB123" }),
  },
  { key: "bio", definition: { type: "textarea", maxLength: 3 }, good: "abc", stored: () => "abc", bad: "abcd", error: () => message("tooLong", { max: 3, count: 3 }) },
  { key: "shoe_size", definition: { type: "number", minValue: 1, maxValue: 100 }, good: "۴۲٫۵", stored: () => 42.5, bad: "1000", error: () => message("tooBig", { max: 100 }) },
  { key: "work_email", definition: { type: "email" }, good: "A@Example.COM", stored: () => "a@example.com", bad: "not-mail", error: () => message("email") },
  { key: "work_phone", definition: { type: "phone" }, good: "6912345678", stored: () => "+306912345678", bad: "12", error: () => message("phone") },
  { key: "website", definition: { type: "url" }, good: "https://example.com/x", stored: () => "https://example.com/x", bad: "javascript:alert(1)", error: () => message("url") },
  { key: "founded", definition: { type: "date" }, good: "2024-02-29", stored: () => "2024-02-29", bad: "2023-02-29", error: () => message("date") },
  { key: "call_at", definition: { type: "time" }, good: "۰۹:۳۰", stored: () => "09:30", bad: "25:00", error: () => message("time") },
  { key: "visit_at", definition: { type: "datetime" }, good: "2026-07-01 10:00", stored: () => "2026-07-01T07:00:00.000Z", bad: "2026-07-01", error: () => message("datetime") },
  { key: "favourite", definition: { type: "select", options: fixtureOptions }, good: "Bags", stored: (ids) => ids.Bags!, bad: "Hats", error: () => message("choose") },
  { key: "size_kind", definition: { type: "radio", options: fixtureOptions }, good: "کفش", stored: (ids) => ids.Shoes!, bad: "x", error: () => message("choose") },
  { key: "interests", definition: { type: "checkbox", options: fixtureOptions }, good: "Bags; shoes", stored: (ids) => [ids.Shoes!, ids.Bags!], bad: "Bags; Hats", error: () => message("choose") },
  { key: "wholesale", definition: { type: "yesno" }, good: "نعم", stored: () => true, bad: "maybe", error: () => message("yesNo") },
];

export const fieldBody = (c: TypeCase, extra: Record<string, unknown> = {}) => ({ key: c.key, name: { en: c.key }, ...c.definition, ...extra });
