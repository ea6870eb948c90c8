import { notFound } from "~/modules/tenancy/dashboard.server";

/** The customer id from the URL; anything that is not a positive integer is simply not found. */
export function customerIdParam(params: Record<string, string | undefined>): bigint {
  const raw = params.id ?? "";
  if (!/^\d{1,18}$/.test(raw)) notFound();
  return BigInt(raw);
}
