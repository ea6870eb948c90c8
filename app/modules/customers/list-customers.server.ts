import type { Db } from "~/utils/db.server";

export const PAGE_SIZES = [25, 50, 100] as const;

export interface CustomerCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: CustomerCursor) {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(value: string | null): CustomerCursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString()) as CustomerCursor;
    if (Number.isNaN(Date.parse(parsed.createdAt)) || !/^\d+$/.test(parsed.id)) return null;
    return parsed;
  } catch {
    return null;
  }
}

/** Newest first, keyset-paginated on (created_at, id) so any page costs the same as the first. */
export async function listCustomers(db: Db, input: { merchantId: string; after: CustomerCursor | null; take: number }) {
  const { merchantId, after, take } = input;
  const rows = await db.customer.findMany({
    where: {
      merchantId,
      ...(after
        ? {
            OR: [
              { createdAt: { lt: new Date(after.createdAt) } },
              { createdAt: new Date(after.createdAt), id: { lt: BigInt(after.id) } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, firstName: true, lastName: true, email: true, status: true, approval: true, createdAt: true, locale: true },
  });
  const page = rows.slice(0, take);
  const last = page[page.length - 1];
  return {
    customers: page.map((c) => ({ ...c, id: c.id.toString(), createdAt: c.createdAt.toISOString() })),
    next: rows.length > take && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id.toString() }) : null,
  };
}
