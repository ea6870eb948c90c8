import type { InitOptions } from "i18next";

export const languages = ["en", "el", "ru", "ar", "fa"] as const;
export type Language = (typeof languages)[number];
export const fallbackLanguage: Language = "en";
export const namespaces = ["common", "auth", "dashboard", "settings", "customers", "validation", "api", "imports", "groups", "customFields"] as const;

export const languageNames: Record<Language, string> = {
  en: "English",
  el: "Ελληνικά",
  ru: "Русский",
  ar: "العربية",
  fa: "فارسی",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function textDirection(lng: string) {
  return lng === "ar" || lng === "fa" ? "rtl" : "ltr";
}

/** The Intl locale for a language: Arabic-Indic digits for ar and fa, and the Persian calendar for fa. */
export function intlLocale(lng: string) {
  switch (lng) {
    case "ar":
      return "ar-EG-u-nu-arab";
    case "fa":
      return "fa-IR-u-ca-persian-nu-arabext";
    case "el":
      return "el-GR";
    case "ru":
      return "ru-RU";
    default:
      return "en-GB";
  }
}

export const i18nConfig = {
  supportedLngs: [...languages],
  fallbackLng: fallbackLanguage,
  defaultNS: "common",
  ns: [...namespaces],
  interpolation: { escapeValue: false },
} satisfies InitOptions;
