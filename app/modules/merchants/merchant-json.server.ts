import type { Merchant } from "~/generated/prisma/client";

export type MerchantJson = Omit<Merchant, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };

/** A shop as `app_merchant_json()` returns it (the lean read path, decision 014), typed as Prisma's. */
export function merchantFromJson(json: MerchantJson): Merchant {
  return { ...json, createdAt: new Date(json.createdAt), updatedAt: new Date(json.updatedAt) };
}
