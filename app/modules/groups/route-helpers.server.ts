import { notFound } from "~/modules/tenancy/dashboard.server";
import { isUuid } from "~/utils/uuid";

export const isGroupId = isUuid;

/** The group id from the URL; anything that is not a UUID is simply not found. */
export function groupIdParam(params: Record<string, string | undefined>): string {
  const raw = params.id ?? "";
  if (!isGroupId(raw)) notFound();
  return raw;
}
