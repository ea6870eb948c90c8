import { randomUUID } from "node:crypto";
import { hashPassword } from "~/modules/auth/password.server";
import type { Role } from "~/modules/auth/permissions";
import { createMerchantWithOwner } from "~/modules/merchants/create-merchant.server";
import { prisma, withTenant } from "~/utils/db.server";
import type { Language } from "~/utils/i18n";

export const uniq = () => randomUUID().slice(0, 8);

/** A shop with its owner; password known so tests and e2e can log in. Shared by tests, e2e and the seed. */
export async function createShop(options: { language?: Language; password?: string; slug?: string; name?: string; email?: string } = {}) {
  const id = uniq();
  const password = options.password ?? "correct-horse-battery";
  const input = {
    shopName: options.name ?? `Shop ${id}`,
    slug: options.slug ?? `shop-${id}`,
    name: `Owner ${id}`,
    email: options.email ?? `owner-${id}@example.test`,
    password,
    language: options.language ?? "en",
  } as const;
  const created = await createMerchantWithOwner(input);
  if (!created.ok) throw new Error(`createShop failed: ${created.error}`);
  const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: created.merchantId } });
  return { merchant, owner: { id: created.userId, email: input.email, password, name: input.name } };
}

export async function addStaff(merchantId: string, role: Role, password = "correct-horse-battery") {
  const id = uniq();
  const user = await prisma.user.create({
    data: { email: `staff-${id}@example.test`, name: `Staff ${id}`, passwordHash: await hashPassword(password), locale: "en" },
  });
  const staff = await withTenant(merchantId, (db) => db.staff.create({ data: { merchantId, userId: user.id, role } }));
  return { user, staff, password };
}

export async function addCustomers(merchantId: string, count: number) {
  return withTenant(merchantId, (db) =>
    db.customer.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        merchantId,
        firstName: `First${i}`,
        lastName: `Last${i}`,
        email: `customer-${uniq()}-${i}@example.test`,
      })),
    }),
  );
}

export interface CustomerSeed {
  firstName: string;
  lastName: string;
  email?: string;
  status?: "active" | "inactive" | "blocked";
  approval?: "approved" | "pending" | "denied";
  registrationIp?: string;
  createdAt?: Date;
  locale?: string;
}

/** Customers with chosen names and states, created in order (the last one is the newest). */
export async function addNamedCustomers(merchantId: string, customers: CustomerSeed[]) {
  const base = Date.now() - customers.length * 60_000;
  return withTenant(merchantId, async (db) => {
    const ids: bigint[] = [];
    for (const [i, c] of customers.entries()) {
      const row = await db.customer.create({
        data: {
          merchantId,
          firstName: c.firstName,
          lastName: c.lastName,
          email: c.email ?? `${c.firstName}.${c.lastName}.${uniq()}@example.test`.toLowerCase(),
          status: c.status ?? "active",
          approval: c.approval ?? "approved",
          registrationIp: c.registrationIp ?? null,
          locale: c.locale ?? null,
          createdAt: c.createdAt ?? new Date(base + i * 60_000),
        },
        select: { id: true },
      });
      ids.push(row.id);
    }
    return ids;
  });
}
