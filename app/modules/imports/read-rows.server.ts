import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { customerSchema } from "~/modules/customers/schemas";
import { fieldParser } from "~/modules/validation/field-parser";
import { message, parseMessage, type z } from "~/modules/validation/messages";
import { formatNumber } from "~/utils/format";
import { fallbackLanguage, isLanguage } from "~/utils/i18n";
import { getFixedT } from "~/utils/i18n.server";
import { unguardCell } from "./csv.server";
import { ignoredColumns, importColumns, requiredColumns, type ImportColumn } from "./schemas";

/** A problem with the file as a whole: the job fails with this "key|params" message and nothing is written. */
export class ImportFileError extends Error {
  constructor(readonly reason: string) {
    super(`Import file refused: ${reason}`);
  }
}

const SNIFF_BYTES = 64 * 1024;

export interface FileFacts {
  delimiter: string;
  estimatedRows: number;
}

/** Refuses empty, binary and non-UTF-8 files before any parsing, and guesses the delimiter from the header. */
export async function inspectFile(absolute: string): Promise<FileFacts> {
  const { size } = await stat(absolute);
  if (size === 0) throw new ImportFileError(message("empty"));
  const handle = await open(absolute);
  let head: Buffer;
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(Math.min(SNIFF_BYTES, size)), 0, Math.min(SNIFF_BYTES, size), 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) throw new ImportFileError(message("notUtf8"));
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
  if (head.includes(0)) throw new ImportFileError(message("notCsv"));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
  } catch {
    throw new ImportFileError(message("notUtf8"));
  }
  if (text.trim() === "") throw new ImportFileError(message("empty"));

  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => [d, outsideQuotes.split(d).length - 1] as const);
  const delimiter = counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];

  let lines = 0;
  let last = 0;
  for await (const chunk of createReadStream(absolute, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
    last = chunk[chunk.length - 1] ?? last;
  }
  if (last !== 10) lines += 1;
  return { delimiter, estimatedRows: Math.max(0, lines - 1) };
}

/** Header names are matched loosely: case, surrounding spaces, and spaces or hyphens for underscores. */
function normalizeHeader(name: string) {
  return name.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

const shorten = (value: string) => (value.length > 40 ? `${value.slice(0, 39)}…` : value);

/** `custom` lists the columns of the shop's custom fields (custom:<key>), accepted besides the built-in ones. */
export function readHeader(record: string[], custom: readonly string[] = []) {
  const names = record.map(normalizeHeader);
  const duplicates = names.filter((name, i) => name !== "" && names.indexOf(name) !== i);
  if (duplicates.length) throw new ImportFileError(message("duplicateColumns", { columns: [...new Set(duplicates)].map(shorten).join(", ") }));
  const known = new Set<string>([...importColumns, ...ignoredColumns, ...custom]);
  // A column without a name (a stray separator at the end of the header) carries nothing to import.
  const unknown = names.filter((name) => name !== "" && !known.has(name));
  if (unknown.length) {
    const listed = unknown.slice(0, 5).map(shorten);
    throw new ImportFileError(message("unknownColumns", { columns: listed.join(", ") + (unknown.length > 5 ? ", …" : ""), allowed: [...importColumns, ...custom].join(", ") }));
  }
  const missing = requiredColumns.filter((column) => !names.includes(column));
  if (missing.length) throw new ImportFileError(message("missingColumns", { columns: missing.join(", ") }));
  const index = Object.fromEntries(importColumns.map((column) => [column, names.indexOf(column)])) as Record<ImportColumn, number>;
  return { index, names, present: importColumns.filter((column) => index[column] !== -1) };
}

const TRUE_WORDS = new Set(["1", "true", "yes", "y", "on", "x"]);
const FALSE_WORDS = new Set(["", "0", "false", "no", "n", "off"]);

const schemaKeyToColumn: Record<string, ImportColumn> = {
  email: "email",
  firstName: "first_name",
  lastName: "last_name",
  phone: "phone",
  nationalId: "national_id",
  gender: "gender",
  birthDate: "birth_date",
  locale: "locale",
  newsletter: "newsletter",
  status: "status",
  approval: "approval",
  notes: "notes",
};

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Reasons are written in the language of the staff member who started the import. */
export async function reasonWriter(locale: string) {
  const lng = isLanguage(locale) ? locale : fallbackLanguage;
  const tv = (await getFixedT(lng, "validation")) as unknown as Translate;
  const ti = (await getFixedT(lng, "imports")) as unknown as Translate;
  const cache = new Map<string, string>();
  const field = (column: string, text: string) => ti("reasons.field", { column, message: text });
  return {
    lng,
    issue(issue: z.ZodIssue) {
      const column = schemaKeyToColumn[String(issue.path[0])] ?? String(issue.path[0] ?? "");
      const cacheKey = `${column}\u0000${issue.code}\u0000${issue.message}`;
      let text = cache.get(cacheKey);
      if (text === undefined) {
        if (issue.code === "invalid_enum_value") {
          text = field(column, ti("reasons.oneOf", { values: issue.options.join(", ") }));
        } else {
          const { key, params } = parseMessage(issue.message);
          text = field(column, tv(key, params));
        }
        cache.set(cacheKey, text);
      }
      return text;
    },
    yesNo: () => field("newsletter", ti("reasons.yesNo")),
    columnCount: (expected: number, found: number) => ti("reasons.columnCount", { expected: formatNumber(lng, expected), found: formatNumber(lng, found) }),
    invalidCharacters: () => ti("reasons.invalidCharacters"),
    duplicateInFile: () => ti("reasons.duplicateInFile"),
    alreadyExists: () => ti("reasons.alreadyExists"),
  };
}

export type Reasons = Awaited<ReturnType<typeof reasonWriter>>;

export interface StagedRow {
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  nationalId: string | null;
  gender: string | null;
  birthDate: string | null;
  locale: string | null;
  newsletter: boolean | null;
  status: string | null;
  approval: string | null;
  notes: string | null;
}

/**
 * Validates one data row with the dashboard's customer schema (field by field, each remembering the values it has
 * seen: see fieldParser); blank status, approval and newsletter stay null.
 */
export function rowValidator(country: string, index: Record<ImportColumn, number>, reasons: Reasons) {
  const parse = fieldParser(customerSchema(country));
  const text = (record: string[], column: ImportColumn) => {
    const i = index[column];
    return i === -1 ? undefined : unguardCell(record[i] ?? "");
  };
  const word = (record: string[], column: ImportColumn) => text(record, column)?.trim().toLowerCase();
  return (record: string[]): { ok: true; row: StagedRow } | { ok: false; reason: string } => {
    const newsletterWord = word(record, "newsletter");
    const newsletter = newsletterWord === undefined || newsletterWord === "" ? null : TRUE_WORDS.has(newsletterWord) ? true : FALSE_WORDS.has(newsletterWord) ? false : undefined;
    const status = word(record, "status") || undefined;
    const approval = word(record, "approval") || undefined;
    const parsed = parse({
      email: text(record, "email"),
      firstName: text(record, "first_name"),
      lastName: text(record, "last_name"),
      phone: text(record, "phone"),
      nationalId: text(record, "national_id"),
      gender: word(record, "gender"),
      birthDate: text(record, "birth_date"),
      locale: word(record, "locale"),
      newsletter: newsletter ?? false,
      status,
      approval,
      notes: text(record, "notes"),
    });
    const problems: string[] = parsed.success ? [] : parsed.issues.map((issue) => reasons.issue(issue));
    if (newsletter === undefined) problems.push(reasons.yesNo());
    if (!parsed.success || problems.length || newsletter === undefined) return { ok: false, reason: problems.join("; ") };
    const value = parsed.data;
    return {
      ok: true,
      row: {
        email: value.email,
        firstName: value.firstName,
        lastName: value.lastName,
        phone: value.phone,
        nationalId: value.nationalId,
        gender: value.gender,
        birthDate: value.birthDate ? value.birthDate.toISOString().slice(0, 10) : null,
        locale: value.locale,
        newsletter,
        status: status ? value.status : null,
        approval: approval ? value.approval : null,
        notes: value.notes,
      },
    };
  };
}

