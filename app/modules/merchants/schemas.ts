import { languages } from "~/utils/i18n";
import { message, z } from "~/modules/validation/messages";

const currencies = new Set(Intl.supportedValuesOf("currency"));
const timeZones = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);

export const ShopProfileSchema = z.object({
  name: z.string().trim().min(2).max(100),
  defaultLocale: z.enum(languages),
  currency: z.string().trim().toUpperCase().refine((c) => currencies.has(c), message("currency")),
  timezone: z.string().trim().refine((tz) => timeZones.has(tz), message("timezone")),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, message("country")),
});

export const timeZoneOptions = [...timeZones].sort();
export const currencyOptions = [...currencies].sort();
