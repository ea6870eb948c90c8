import { notFound } from "~/modules/tenancy/dashboard.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGroupId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The group id from the URL; anything that is not a UUID is simply not found. */
export function groupIdParam(params: Record<string, string | undefined>): string {
  const raw = params.id ?? "";
  if (!isGroupId(raw)) notFound();
  return raw;
}
