import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { effectiveGroupIds } from "./answers.server";
import { listFields } from "./custom-fields.server";
import type { CustomFieldForm } from "./form";

/** The enabled fields of a location and the groups whose requirements apply to the customer (null: a new one). */
export async function customFieldForm(scope: Pick<TenantScope, "db" | "merchant">, location: "account" | "address", customerId: bigint | null): Promise<CustomFieldForm> {
  const { db, merchant } = scope;
  const fields = await listFields(scope, { location, enabledOnly: true });
  return {
    fields,
    groupIds: fields.some((f) => f.requiredGroupIds.length > 0) ? await effectiveGroupIds(db, merchant.id, customerId) : [],
    country: merchant.country,
    timeZone: merchant.timezone,
    shopLanguage: merchant.defaultLocale,
  };
}
