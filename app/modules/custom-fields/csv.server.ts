import type pg from "pg";
import { Prisma, type Merchant } from "~/generated/prisma/client";
import { unguardCell } from "~/modules/imports/csv.server";
import type { Reasons } from "~/modules/imports/read-rows.server";
import { pgReader, withTenant } from "~/utils/db.server";
import { fallbackLanguage, isLanguage } from "~/utils/i18n";
import { getFixedT } from "~/utils/i18n.server";
import { effectiveGroupIdsOf, readAnswers, writeAnswers, type AnswerRow, type RawDb } from "./answers.server";
import { listFields } from "./custom-fields.server";
import { choiceTypes, customFieldsSchema, isRequired, localized, type CustomValue, type CustomValues, type FieldDefinition } from "./values";

/**
 * Custom fields in the customer CSV (decision 012): one column per enabled account field, named `custom:<key>`.
 * The prefix keeps a shop's keys (which may well be "notes" or "email") apart from the built-in columns.
 */
export const CUSTOM_COLUMN_PREFIX = "custom:";
export const customColumn = (field: Pick<FieldDefinition, "key">) => `${CUSTOM_COLUMN_PREFIX}${field.key}`;

/** The enabled account fields, in display order: the CSV's custom columns. */
export function csvFields(merchant: Merchant) {
  return withTenant(merchant.id, (db) => listFields({ db, merchant }, { location: "account", enabledOnly: true }));
}

type Words = { yes: string; no: string };

/** An answer as people read it and as the import reads it back: option labels, choices joined by "; ", yes/no words, ISO dates. */
export function cellOf(field: FieldDefinition, value: CustomValue | null | undefined, lng: string, shopLanguage: string, words: Words) {
  if (value === null || value === undefined) return "";
  if (choiceTypes.has(field.type)) {
    const ids = Array.isArray(value) ? value : [String(value)];
    return ids.map((id) => localized(field.options.find((o) => o.id === id)?.label, lng, shopLanguage)).filter(Boolean).join("; ");
  }
  if (field.type === "yesno") return value ? words.yes : words.no;
  return String(value);
}

/** The export's custom cells: reads one page of customers' answers and renders them in the export's language. */
export async function exportCells(merchant: Merchant, fields: FieldDefinition[], locale: string) {
  const lng = isLanguage(locale) ? locale : fallbackLanguage;
  const t = await getFixedT(lng, "imports");
  const words = { yes: t("customFields.yes"), no: t("customFields.no") };
  return async (customerIds: bigint[]) => {
    if (fields.length === 0) return new Map<bigint, string[]>();
    const answers = await withTenant(merchant.id, (db) => readAnswers({ db }, merchant.id, fields, customerIds));
    return new Map(customerIds.map((id) => [id, fields.map((f) => cellOf(f, answers.get(id)?.[f.key], lng, merchant.defaultLocale, words))]));
  };
}

/** Prisma's tagged queries on the import's own pg connection (same transaction), rows typed as $queryRaw's. */
function rawDb(client: pg.Client): RawDb {
  const read = pgReader(client);
  return { $queryRaw: <T>(strings: TemplateStringsArray, ...values: unknown[]) => read(Prisma.sql(strings, ...(values as Prisma.Sql[]))) as unknown as PromiseLike<T> };
}

export interface StagedCustomer {
  line: number;
  record: string[];
  email: string;
}

/**
 * The import's custom columns. Each batch is checked by the one validator once the rows' customers are known
 * (requirements follow their effective groups; a new customer's are the shop's default group's, and a new customer
 * must answer required fields even when the file has no column for them), then, after the batch is settled, the
 * answers of the rows that were accepted are written set-based. A blank cell clears an answer; a field without a
 * column is left as it is.
 */
export class CustomColumnsImport {
  private columns: Array<{ field: FieldDefinition; index: number }> = [];
  private db: RawDb;
  private schemas = new Map<string, ReturnType<typeof customFieldsSchema>>();
  private values = new Map<number, CustomValues>();
  private needsCustomers = false;

  constructor(
    client: pg.Client,
    private merchant: Merchant,
    private fields: FieldDefinition[],
    private reasons: Reasons,
  ) {
    this.db = rawDb(client);
  }

  /** The columns a file may have besides the built-in ones. */
  get columnNames() {
    return this.fields.map(customColumn);
  }

  /** Takes the file's header (names as readHeader normalized them). */
  setHeader(names: string[]) {
    this.columns = this.fields.flatMap((field) => {
      const index = names.indexOf(customColumn(field));
      return index === -1 ? [] : [{ field, index }];
    });
    const present = new Set(this.columns.map((c) => c.field.id));
    this.needsCustomers = this.fields.some((f) => f.requiredGroupIds.length > 0 || (f.requiredForAll && !present.has(f.id)));
  }

  get active() {
    return this.columns.length > 0 || this.fields.some((f) => isRequired(f, []) || f.requiredGroupIds.length > 0);
  }

  private schema(isNew: boolean, groupIds: string[]) {
    const cacheKey = `${isNew}|${[...groupIds].sort().join(",")}`;
    let schema = this.schemas.get(cacheKey);
    if (!schema) {
      const checked = isNew ? this.fields : this.columns.map((c) => c.field);
      schema = customFieldsSchema(checked, { country: this.merchant.country, timeZone: this.merchant.timezone, lng: this.reasons.lng, groupIds });
      this.schemas.set(cacheKey, schema);
    }
    return schema;
  }

  /** Validates the custom cells of a batch's valid rows; returns the rejected rows' reasons by line. */
  async check(rows: StagedCustomer[]) {
    this.values.clear();
    const refused = new Map<number, string>();
    const existing = new Map<string, bigint>();
    let groups = new Map<bigint, string[]>();
    if (this.needsCustomers && rows.length > 0) {
      const found = await this.db.$queryRaw<Array<{ id: bigint; email: string }>>`
        SELECT id, lower(email) AS email FROM customers WHERE merchant_id = ${this.merchant.id}::uuid AND lower(email) = ANY (${rows.map((r) => r.email)}::text[])`;
      for (const f of found) existing.set(f.email, f.id);
      groups = await effectiveGroupIdsOf(this.db, this.merchant.id, [...existing.values(), -1n]);
    }
    for (const row of rows) {
      const id = existing.get(row.email);
      const schema = this.schema(this.needsCustomers && id === undefined, groups.get(id ?? -1n) ?? []);
      const parsed = schema.safeParse(Object.fromEntries(this.columns.map((c) => [c.field.key, unguardCell(row.record[c.index] ?? "")])));
      if (parsed.success) this.values.set(row.line, parsed.data ?? {});
      else refused.set(row.line, parsed.error.issues.map((issue) => this.reasons.issue({ ...issue, path: [`${CUSTOM_COLUMN_PREFIX}${String(issue.path[0])}`] })).join("; "));
    }
    return refused;
  }

  /**
   * Writes the answers of the batch's rows that were accepted (import_rows.reason is null); returns how many
   * customers changed only by their answers, so they count as updated (and their updated_at moves).
   */
  async write(lines: number[]) {
    if (this.columns.length === 0 || lines.length === 0) return 0;
    const accepted = await this.db.$queryRaw<Array<{ line: number; id: bigint }>>`
      SELECT r.line, c.id FROM import_rows r JOIN customers c ON c.merchant_id = ${this.merchant.id}::uuid AND lower(c.email) = r.email
       WHERE r.reason IS NULL AND r.line = ANY (${lines}::int[])`;
    const rows: AnswerRow[] = accepted.flatMap(({ line, id }) => {
      const values = this.values.get(line) ?? {};
      return this.columns.map(({ field }) => ({ customerId: id, field, value: values[field.key] ?? null }));
    });
    const changed = await writeAnswers(this.db, this.merchant.id, rows);
    if (changed.size === 0) return 0;
    // Rows the import created or updated already carry this transaction's now() (as the column stores it, to the millisecond).
    const touched = await this.db.$queryRaw<Array<{ id: bigint }>>`
      UPDATE customers SET updated_at = now() WHERE merchant_id = ${this.merchant.id}::uuid AND id = ANY (${[...changed]}::bigint[]) AND updated_at <> now()::timestamptz(3) RETURNING id`;
    return touched.length;
  }
}
