import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits typed by customers are accepted as their Latin equivalents. */
export function toLatinDigits(value: string) {
  return value.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

/** A phone number in E.164, read in the shop's country when it has no international prefix; null if invalid. */
export function normalizePhone(raw: string, country: string): string | null {
  const phone = parsePhoneNumberFromString(toLatinDigits(raw).trim(), country.toUpperCase() as CountryCode);
  return phone?.isValid() ? phone.number : null;
}

function iranNationalId(id: string) {
  if (!/^\d{10}$/.test(id) || /^(\d)\1{9}$/.test(id)) return false;
  const digits = [...id].map(Number);
  const sum = digits.slice(0, 9).reduce((acc, d, i) => acc + d * (10 - i), 0);
  const remainder = sum % 11;
  const check = digits[9]!;
  return remainder < 2 ? check === remainder : check === 11 - remainder;
}

function saudiNationalId(id: string) {
  if (!/^[12]\d{9}$/.test(id)) return false;
  const sum = [...id].reduce((acc, ch, i) => {
    const d = Number(ch);
    if (i % 2 === 0) {
      const doubled = d * 2;
      return acc + (doubled > 9 ? doubled - 9 : doubled);
    }
    return acc + d;
  }, 0);
  return sum % 10 === 0;
}

function greekTaxNumber(id: string) {
  if (!/^\d{9}$/.test(id) || id === "000000000") return false;
  const digits = [...id].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, d, i) => acc + d * 2 ** (8 - i), 0);
  return (sum % 11) % 10 === digits[8];
}

const nationalIdValidators: Record<string, (id: string) => boolean> = {
  IR: iranNationalId,
  SA: saudiNationalId,
  GR: greekTaxNumber,
};

export function countryUsesNationalId(country: string) {
  return country.toUpperCase() in nationalIdValidators;
}

/** National identity numbers where the shop's country has one with a check digit (IR, SA; GR's AFM). */
export function isValidNationalId(raw: string, country: string) {
  const validate = nationalIdValidators[country.toUpperCase()];
  const id = toLatinDigits(raw).replace(/[\s-]/g, "");
  return validate ? validate(id) : id.length > 0 && id.length <= 32;
}

export function normalizeNationalId(raw: string) {
  return toLatinDigits(raw).replace(/[\s-]/g, "");
}

const postcodePatterns: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  GR: /^\d{3} ?\d{2}$/,
  RU: /^\d{6}$/,
  SA: /^\d{5}(-\d{4})?$/,
  AE: /^.{0,10}$/,
  IR: /^\d{5}-?\d{5}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  CY: /^\d{4}$/,
  TR: /^\d{5}$/,
};

/** Postcodes checked against the country's format where one is known; other countries accept up to 12 characters. */
export function isValidPostcode(raw: string, country: string) {
  const pattern = postcodePatterns[country.toUpperCase()];
  const postcode = toLatinDigits(raw).trim();
  return pattern ? pattern.test(postcode) : postcode.length <= 12;
}
