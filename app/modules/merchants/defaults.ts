import type { Language } from "~/utils/i18n";

/** Sensible starting settings for a new shop from the language it signs up in; all editable in Settings. */
export const shopDefaults: Record<Language, { currency: string; timezone: string; country: string }> = {
  en: { currency: "USD", timezone: "UTC", country: "US" },
  el: { currency: "EUR", timezone: "Europe/Athens", country: "GR" },
  ru: { currency: "RUB", timezone: "Europe/Moscow", country: "RU" },
  ar: { currency: "SAR", timezone: "Asia/Riyadh", country: "SA" },
  fa: { currency: "IRR", timezone: "Asia/Tehran", country: "IR" },
};
