import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { importColumns } from "./schemas";

const firstNames = ["Μαρία", "Γιώργος", "Анна", "Дмитрий", "فاطمة", "محمد", "زهرا", "علی", "Eleni", "John", "Sofia", "Nikos"];
const lastNames = ["Παπαδοπούλου", "Ιωάννου", "Иванова", "Петров", "العلي", "الحسن", "محمدی", "حسینی", "Smith", "Georgiou"];
const locales = ["el", "ru", "ar", "fa", "en", ""];

/** A valid Greek tax number (AFM): eight digits and their check digit. */
export function greekTaxNumber(seed: number) {
  const digits = String(10_000_000 + (seed % 89_999_999)).padStart(8, "0").split("").map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * 2 ** (8 - i), 0);
  return `${digits.join("")}${(sum % 11) % 10}`;
}

/** One realistic row for a Greek shop (valid Greek mobile numbers and tax numbers), keyed by import column. */
export function customerRow(i: number, prefix = "bulk"): Record<(typeof importColumns)[number], string> {
  return {
    email: `${prefix}-${i}@example.test`,
    first_name: firstNames[i % firstNames.length]!,
    last_name: lastNames[(i * 7) % lastNames.length]!,
    phone: i % 5 === 0 ? "" : `+30 69${String(40_000_000 + (i % 9_999_999)).padStart(8, "0")}`,
    national_id: i % 3 === 0 ? greekTaxNumber(i) : "",
    gender: ["female", "male", "other", ""][i % 4]!,
    birth_date: i % 2 === 0 ? `19${50 + (i % 50)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}` : "",
    locale: locales[i % locales.length]!,
    newsletter: i % 2 === 0 ? "yes" : "no",
    status: ["active", "active", "inactive", ""][i % 4]!,
    approval: i % 10 === 0 ? "pending" : "approved",
    notes: i % 11 === 0 ? `Σημείωση, με "εισαγωγικά" ${i}` : "",
  };
}

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Writes a CSV of `count` generated customers without holding it in memory (for the import bench and tests). */
export async function writeCustomerCsv(
  path: string,
  count: number,
  options: { prefix?: string; bom?: boolean; extra?: { header: string[]; row: (i: number) => string[] } } = {},
) {
  const out = createWriteStream(path);
  if (options.bom) out.write("\uFEFF");
  out.write(`${[...importColumns, ...(options.extra?.header ?? [])].join(",")}\n`);
  for (let i = 0; i < count; i++) {
    const row = customerRow(i, options.prefix);
    const cells = [...importColumns.map((c) => row[c]), ...(options.extra?.row(i) ?? [])];
    if (!out.write(`${cells.map(quote).join(",")}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

export function toCsv(rows: string[][]) {
  return rows.map((row) => row.map(quote).join(",")).join("\n") + "\n";
}
