import { intlLocale } from "./i18n";

export function formatNumber(lng: string, value: number) {
  return new Intl.NumberFormat(intlLocale(lng)).format(value);
}

export function formatMoney(lng: string, amount: number, currency: string) {
  return new Intl.NumberFormat(intlLocale(lng), { style: "currency", currency }).format(amount);
}

export function formatDate(lng: string, date: Date | string, timeZone?: string) {
  return new Intl.DateTimeFormat(intlLocale(lng), { dateStyle: "medium", timeZone }).format(new Date(date));
}

export function formatDateTime(lng: string, date: Date | string, timeZone?: string) {
  return new Intl.DateTimeFormat(intlLocale(lng), { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(date),
  );
}
