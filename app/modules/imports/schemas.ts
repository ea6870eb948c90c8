import { z } from "~/modules/validation/messages";

/** The CSV columns of a customer, in file order; the same names as the export writes. */
export const importColumns = [
  "email",
  "first_name",
  "last_name",
  "phone",
  "national_id",
  "gender",
  "birth_date",
  "locale",
  "newsletter",
  "status",
  "approval",
  "notes",
] as const;
export type ImportColumn = (typeof importColumns)[number];

export const requiredColumns: readonly ImportColumn[] = ["email", "first_name", "last_name"];

/** The export adds read-only columns; the import accepts them (and a rejection report's own) and ignores them. */
export const exportColumns = ["id", ...importColumns, "created_at", "orders_count", "total_spent"] as const;
export const reportColumns = ["line", "reason"] as const;
export const ignoredColumns: readonly string[] = ["id", "created_at", "orders_count", "total_spent", ...reportColumns];

export const importModes = ["create_only", "update_or_create"] as const;
export type ImportMode = (typeof importModes)[number];

export const ImportFormSchema = z.object({ mode: z.enum(importModes) });

export const DataJobIdSchema = z.string().uuid();

export const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;
