import { readFile } from "node:fs/promises";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import resourcesToBackend from "i18next-resources-to-backend";
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLanguage, i18nConfig, isLanguage, languages, type Language } from "./i18n";

const localesDir = path.resolve(process.cwd(), "locales");
const cache = new Map<string, Promise<unknown>>();

/** Translations are read from locales/ once per process and shared by every request and job. */
export const localeBackend = resourcesToBackend((lng: string, ns: string) => {
  const file = path.join(localesDir, lng, `${ns}.json`);
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = readFile(file, "utf8").then((text) => JSON.parse(text) as unknown);
    cache.set(file, loaded);
  }
  return loaded as Promise<Record<string, unknown>>;
});

export const languageCookie = createCookie("lng", { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...languages],
    fallbackLanguage,
    cookie: languageCookie,
    searchParamKey: "lng",
    order: ["searchParams", "cookie", "header"],
  },
  i18next: i18nConfig,
  plugins: [localeBackend],
});

/** The user's stored choice first, else ?lng=, else the lng cookie, else Accept-Language. */
export async function resolveLanguage(request: Request, stored?: string | null): Promise<Language> {
  if (isLanguage(stored)) return stored;
  const detected = await i18nServer.getLocale(request);
  return isLanguage(detected) ? detected : fallbackLanguage;
}

export function getFixedT(lng: Language, ns: (typeof i18nConfig.ns)[number] = "common") {
  return i18nServer.getFixedT(lng, ns);
}
