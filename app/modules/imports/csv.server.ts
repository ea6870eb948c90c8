import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { stringify } from "csv-stringify/sync";

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-][\d\s().,-]*$/;

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula (CSV injection). Such text is written with a
 * leading apostrophe; a phone number or a negative amount ("+30 210…", "-5") is left alone since it cannot run.
 */
export function guardCell(value: string) {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Undoes guardCell, so a report or an export can be edited and imported again. */
export function unguardCell(value: string) {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * Writes a CSV for spreadsheets: UTF-8 with a BOM (Excel then shows Greek, Cyrillic, Arabic and Persian text
 * correctly) and CRLF line ends. The file appears under its final name only once close() succeeds.
 */
export function openCsvWriter(absolutePath: string) {
  const partial = `${absolutePath}.part`;
  const out = createWriteStream(partial);
  let failed: Error | null = null;
  out.on("error", (error) => {
    failed = error;
  });
  let first = true;
  return {
    async write(rows: ReadonlyArray<ReadonlyArray<string>>) {
      if (failed) throw failed;
      if (rows.length === 0) return;
      const text = stringify(rows as string[][], { bom: first, record_delimiter: "windows", cast: { string: guardCell } });
      first = false;
      if (!out.write(text)) await once(out, "drain");
    },
    async close() {
      if (first) out.write("\uFEFF");
      out.end();
      await once(out, "finish");
      if (failed) throw failed;
      await rename(partial, absolutePath);
    },
    async discard() {
      if (!out.closed) await new Promise<void>((resolve) => out.destroy().once("close", () => resolve()));
      await rm(partial, { force: true });
    },
  };
}
