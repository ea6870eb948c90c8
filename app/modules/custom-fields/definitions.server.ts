import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { listGroups, localized as groupName } from "~/modules/groups/groups.server";
import type { ShopContext, TenantScope } from "~/modules/tenancy/dashboard.server";
import { countAnswers, createField, toDefinition, updateField, type FieldWriteResult } from "./custom-fields.server";
import type { FieldRefusal } from "./form";
import { customFieldSchema } from "./schemas";

type Scope = Pick<TenantScope, "db" | "merchant">;

/** Every field of the shop in display order, with its sort order and how many customers answered it. */
export async function listFieldsWithAnswers({ db, merchant }: Scope) {
  const rows = await db.customField.findMany({
    where: { merchantId: merchant.id },
    include: { options: true },
    orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
  });
  const accountCounts = await db.$queryRaw<Array<{ id: string; n: bigint }>>`
    SELECT field_id::text AS id, count(*) AS n FROM custom_field_values WHERE merchant_id = ${merchant.id}::uuid GROUP BY field_id`;
  const counts = new Map(accountCounts.map((r) => [r.id, Number(r.n)]));
  return Promise.all(
    rows.map(async (row) => {
      const field = toDefinition(row);
      const answers = field.location === "account" ? (counts.get(field.id) ?? 0) : await countAnswers({ db, merchant }, field);
      return { ...field, sortOrder: row.sortOrder, answers };
    }),
  );
}

/** One field as the edit form needs it, or null when the shop has no such field. */
export async function getFieldWithAnswers(scope: Scope, id: string) {
  const row = await scope.db.customField.findFirst({ where: { merchantId: scope.merchant.id, id }, include: { options: true } });
  if (!row) return null;
  const field = toDefinition(row);
  return { ...field, sortOrder: row.sortOrder, answers: await countAnswers(scope, field) };
}

/** The shop's groups as choices for "required for customers in these groups", named in the reader's language. */
export async function groupChoices(scope: Scope, lng: string) {
  const groups = await listGroups(scope);
  return groups.map((g) => ({ id: g.id, name: groupName(g.name, lng, scope.merchant.defaultLocale) }));
}

export type FieldFormReply = { ok: true; id: string } | { ok: false; result: SubmissionResult<string[]>; refusal: FieldRefusal | null };

/**
 * The definitions form, submitted: validated by the schema the browser used, then created or updated. Refusals
 * of the module come back as errors at the input they are about, or as a refusal the page explains (and, for
 * options holding answers, lets staff confirm by sending `confirm`).
 */
export async function submitFieldForm(shop: ShopContext, formData: FormData, id: string | null): Promise<FieldFormReply | null> {
  const { merchant } = shop;
  const submission = parseWithZod(formData, { schema: customFieldSchema(merchant.defaultLocale, { country: merchant.country, timeZone: merchant.timezone }) });
  if (submission.status !== "success") return { ok: false, result: submission.reply(), refusal: null };
  const result: FieldWriteResult = id
    ? await updateField(shop, id, submission.value, { confirm: formData.get("confirm") === "yes" })
    : await createField(shop, submission.value);
  if (result.ok) return { ok: true, id: result.field.id };
  switch (result.error) {
    case "notFound":
      return null;
    case "keyTaken":
    case "keyFixed":
    case "locationFixed":
      return { ok: false, result: submission.reply({ fieldErrors: { [result.path]: [`customFields:errors.${result.error}`] } }), refusal: null };
    default:
      return { ok: false, result: submission.reply(), refusal: result };
  }
}
