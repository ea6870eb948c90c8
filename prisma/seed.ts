// Demo data: `npm run seed` (tsx prisma/seed.ts). Creates only what is missing, so it can run any number of times:
// an existing shop, user, staff membership or customer list is left alone and the summary is printed again.
//
//   demo        "Clientela Demo Store" (en): owner + admin + staff, 5,000 customers in five languages over three years,
//               six customer groups and two custom fields with answers (seed-groups.ts)
//   nikolaidis  a small Greek shop (el): its owner and 200 Greek customers, to show that shops never see each other
//
// Customers come from a seeded PRNG, so every run on the same (UTC) day produces the same rows; the dates are
// relative to today so the dashboard always has recent sign-ups. Tenant rows are only written inside withTenant.
import type { Prisma } from "~/generated/prisma/client";
import { recordActivity } from "~/modules/activity/record-activity.server";
import { hashPassword } from "~/modules/auth/password.server";
import type { Role } from "~/modules/auth/permissions";
import { createMerchantWithOwner } from "~/modules/merchants/create-merchant.server";
import { createApiKey } from "~/modules/api-keys/api-keys.server";
import { closeQueues } from "~/jobs/queues.server";
import { prisma, withTenant } from "~/utils/db.server";
import { redis } from "~/utils/redis.server";
import { env } from "~/utils/env.server";
import { languages, type Language } from "~/utils/i18n";
import { languageData, type FirstName, type Gender } from "./seed-data";
import { ensureGroupsAndFields } from "./seed-groups";

const PASSWORD = "demo-password-2026";
const DAY = 86_400_000;
const BATCH = 1_000;

interface Person {
  name: string;
  email: string;
  language: Language;
}

interface ShopPlan {
  slug: string;
  shopName: string;
  language: Language;
  owner: Person;
  staff: Array<Person & { role: Exclude<Role, "owner"> }>;
  customers: {
    seed: number;
    count: number;
    languages: Partial<Record<Language, number>>;
    /** Customers awaiting approval (all signed up recently) and customers refused. */
    pending: number;
    denied: number;
    /** A handful of registration IPs shared by a small share of customers: the fraud signal. */
    sharedIps: number;
    sharedIpShare: number;
  };
}

const demo: ShopPlan = {
  slug: "demo",
  shopName: "Clientela Demo Store",
  language: "en",
  owner: { name: "Olivia Bennett", email: "demo@clientela.local", language: "en" },
  staff: [
    { name: "Maria Konstantinou", email: "maria@clientela.local", language: "el", role: "admin" },
    { name: "Omar Haddad", email: "omar@clientela.local", language: "ar", role: "staff" },
  ],
  customers: {
    seed: 20_260_101,
    count: 5_000,
    languages: { en: 1, el: 1, ru: 1, ar: 1, fa: 1 },
    pending: 40,
    denied: 6,
    sharedIps: 5,
    sharedIpShare: 0.03,
  },
};

const nikolaidis: ShopPlan = {
  slug: "nikolaidis",
  shopName: "Βιβλιοπωλείο Νικολαΐδη",
  language: "el",
  owner: { name: "Ελένη Νικολαΐδου", email: "eleni@nikolaidis.local", language: "el" },
  staff: [],
  customers: {
    seed: 30_300_303,
    count: 200,
    languages: { el: 1 },
    pending: 3,
    denied: 1,
    sharedIps: 1,
    sharedIpShare: 0.02,
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny 32-bit PRNG, good enough for demo data and identical on every run. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float() {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  weighted<T>(items: ReadonlyArray<{ weight: number; value: T }>): T {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let roll = this.next() * total;
    for (const item of items) {
      roll -= item.weight;
      if (roll < 0) return item.value;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error("weighted pick from an empty list");
    return last.value;
  }
  /** k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, k);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Customer generation

type CustomerRow = Omit<Prisma.CustomerCreateManyInput, "merchantId"> & { createdAt: Date };

/** A phone from a template: "#" is any digit, "N" is 2-9. */
function phoneFrom(rng: Random, template: string) {
  return template.replace(/[#N]/g, (c) => String(c === "N" ? rng.int(2, 9) : rng.int(0, 9)));
}

/** A random IPv4 outside private, loopback, link-local, CGNAT, documentation, benchmark and multicast ranges. */
function publicIpv4(rng: Random): string {
  for (;;) {
    const [a, b, c, d] = [rng.int(1, 223), rng.int(0, 255), rng.int(0, 255), rng.int(1, 254)];
    const reserved =
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0 && (c === 0 || c === 2)) ||
      (a === 198 && (b === 18 || b === 19)) ||
      (a === 198 && b === 51 && c === 100) ||
      (a === 203 && b === 0 && c === 113);
    if (!reserved) return `${a}.${b}.${c}.${d}`;
  }
}

/** The local part of an address, in one of the shapes people really use. */
function emailLocalPart(rng: Random, first: string, last: string) {
  const year = String(rng.int(1960, 2006));
  return rng.weighted<string>([
    { weight: 30, value: `${first}.${last}` },
    { weight: 10, value: `${first}${last}` },
    { weight: 10, value: `${first.charAt(0)}${last}` },
    { weight: 8, value: `${first.charAt(0)}.${last}` },
    { weight: 10, value: `${first}.${last}${year.slice(2)}` },
    { weight: 6, value: `${first}${year}` },
    { weight: 6, value: `${first}_${last}` },
    { weight: 5, value: `${last}.${first}` },
    { weight: 5, value: `${first}${rng.int(1, 999)}` },
    { weight: 5, value: `${last}${first.charAt(0)}` },
    { weight: 5, value: `${first}.${last.charAt(0)}` },
  ]);
}

function generateCustomers(plan: ShopPlan["customers"], today: Date): CustomerRow[] {
  const rng = new Random(plan.seed);
  const end = today.getTime();
  const span = 3 * 365 * DAY;
  const byGender = (names: FirstName[], gender: Gender) => names.filter((n) => n.gender === gender);
  const pools = Object.fromEntries(
    languages.map((lang) => {
      const data = languageData[lang];
      return [lang, { ...data, female: byGender(data.firstNames, "female"), male: byGender(data.firstNames, "male") }];
    }),
  ) as Record<Language, (typeof languageData)[Language] & Record<Gender, FirstName[]>>;
  const languageWeights = Object.entries(plan.languages).map(([lang, weight]) => ({ weight: weight ?? 0, value: lang as Language }));
  const sharedIps = Array.from({ length: plan.sharedIps }, () => publicIpv4(rng));
  const usedEmails = new Set<string>();

  const rows: CustomerRow[] = [];
  for (let i = 0; i < plan.count; i++) {
    const lang = rng.weighted(languageWeights);
    const pool = pools[lang];
    const gender: Gender = rng.chance(0.5) ? "female" : "male";
    const first = rng.pick(pool[gender]);
    const last = rng.pick(pool.lastNames);
    const lastName = gender === "female" ? last.female : last.male;
    const latinLast = gender === "female" ? last.latinFemale : last.latinMale;

    const domain = rng.weighted(pool.emailDomains.map((d) => ({ weight: d.weight, value: d.domain })));
    const local = emailLocalPart(rng, first.latin, latinLast);
    let email = `${local}@${domain}`.toLowerCase();
    for (let tries = 0; usedEmails.has(email); tries++) email = `${local}${rng.int(2, tries < 20 ? 99 : 9999)}@${domain}`.toLowerCase();
    usedEmails.add(email);

    const phoneTemplates = rng.weighted(pool.phones.map((p) => ({ weight: p.weight, value: p.templates })));
    const phone = rng.chance(0.94) ? phoneFrom(rng, rng.pick(phoneTemplates)) : null;
    const registrationIp = rng.chance(plan.sharedIpShare) ? rng.pick(sharedIps) : publicIpv4(rng);

    // Sign-ups grow over time: the density rises towards today, and ~3-4% fall in the last 30 days.
    const createdAt = new Date(end - Math.round(span * (1 - rng.float() ** 0.75)));
    const status = rng.weighted<CustomerRow["status"]>([
      { weight: 90, value: "active" },
      { weight: 7, value: "inactive" },
      { weight: 3, value: "blocked" },
    ]);

    rows.push({
      firstName: first.name,
      lastName,
      email,
      phone,
      locale: lang,
      status,
      approval: "approved",
      newsletter: rng.chance(0.35),
      registrationIp,
      createdAt,
      updatedAt: createdAt,
    });
  }

  // Ids follow sign-up order, as they would in a live shop.
  rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  // Pending approval: recent sign-ups only (the last 45 days). Denied: anyone from the last year.
  const indexes = rows.map((_, i) => i);
  const recent = indexes.filter((i) => (rows[i] as CustomerRow).createdAt.getTime() >= end - 45 * DAY);
  const pending = new Set(rng.sample(recent, plan.pending));
  const lastYear = indexes.filter((i) => !pending.has(i) && (rows[i] as CustomerRow).createdAt.getTime() >= end - 365 * DAY);
  const denied = rng.sample(lastYear, plan.denied);
  for (const i of pending) Object.assign(rows[i] as CustomerRow, { approval: "pending", status: "active" });
  for (const i of denied) Object.assign(rows[i] as CustomerRow, { approval: "denied", status: "inactive", newsletter: false });
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing (each step checks first, so a re-run or a half-finished earlier run only fills in what is missing)

async function ensureShop(plan: ShopPlan) {
  const existing = await prisma.merchant.findUnique({ where: { slug: plan.slug }, select: { id: true } });
  if (existing) return existing.id;
  const created = await createMerchantWithOwner({
    shopName: plan.shopName,
    slug: plan.slug,
    name: plan.owner.name,
    email: plan.owner.email,
    password: PASSWORD,
    language: plan.language,
  });
  if (created.ok) {
    console.log(`Created shop ${plan.slug} (owner ${plan.owner.email})`);
    return created.merchantId;
  }
  // A concurrent seed may have just created the shop; anything else (the owner's e-mail used elsewhere) is fatal.
  const raced = await prisma.merchant.findUnique({ where: { slug: plan.slug }, select: { id: true } });
  if (raced) return raced.id;
  throw new Error(`Cannot create shop ${plan.slug}: ${created.error} (${plan.owner.email})`);
}

async function ensureStaff(merchantId: string, plan: ShopPlan) {
  for (const person of plan.staff) {
    const passwordHash = await hashPassword(PASSWORD);
    const user = await prisma.user.upsert({
      where: { email: person.email },
      create: { email: person.email, name: person.name, passwordHash, locale: person.language },
      update: {},
    });
    const added = await withTenant(merchantId, async (db) => {
      const member = await db.staff.findUnique({ where: { merchantId_userId: { merchantId, userId: user.id } } });
      if (member) return false;
      const owner = await db.staff.findFirstOrThrow({
        where: { merchantId, role: "owner" },
        orderBy: { createdAt: "asc" },
        include: { user: { select: { name: true } } },
      });
      const staff = await db.staff.create({ data: { merchantId, userId: user.id, role: person.role } });
      // The same trail an invitation leaves, so the overview's "Recent activity" has something to show.
      await recordActivity(db, {
        merchantId,
        actor: { staffId: owner.id, name: owner.user.name },
        action: "staff.invited",
        subject: person.email,
        data: { role: person.role },
      });
      await recordActivity(db, {
        merchantId,
        actor: { staffId: staff.id, name: user.name },
        action: "staff.joined",
        subject: person.email,
        data: { role: person.role },
      });
      return true;
    });
    if (added) console.log(`Added ${person.role} ${person.email} to ${plan.slug}`);
  }
}

async function ensureCustomers(merchantId: string, plan: ShopPlan, today: Date) {
  const rows = generateCustomers(plan.customers, today);
  const inserted = await withTenant(
    merchantId,
    async (db) => {
      // One seed at a time per shop; then only an empty customer list is filled, all batches in this transaction.
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`clientela-seed:${merchantId}`}))`;
      if ((await db.customer.count({ where: { merchantId } })) > 0) return 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        await db.customer.createMany({ data: rows.slice(i, i + BATCH).map((row) => ({ ...row, merchantId })) });
      }
      return rows.length;
    },
    { timeout: 120_000 },
  );
  if (inserted > 0) console.log(`Added ${inserted} customers to ${plan.slug}`);
}

async function seedShop(plan: ShopPlan, today: Date) {
  const merchantId = await ensureShop(plan);
  await ensureStaff(merchantId, plan);
  await ensureCustomers(merchantId, plan, today);
  return merchantId;
}

async function summarize(merchantId: string) {
  return withTenant(merchantId, async (db) => {
    const where = { merchantId };
    const byLocale = await db.customer.groupBy({ by: ["locale"], where, _count: { _all: true } });
    return {
      customers: await db.customer.count({ where }),
      byLocale: new Map(byLocale.map((row) => [row.locale, row._count._all])),
      pending: await db.customer.count({ where: { merchantId, approval: "pending" } }),
      staff: await db.staff.count({ where }),
      activity: await db.activity.count({ where }),
    };
  });
}

const DEMO_KEY_NAME = "Demo key";

/**
 * Only a key's hash is stored, so a key cannot be shown twice: each seed run revokes the previous demo key and
 * prints a new one, leaving exactly one working demo key.
 */
async function rotateDemoApiKey(merchantId: string) {
  return withTenant(merchantId, async (db) => {
    const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    await db.apiKey.updateMany({ where: { merchantId, name: DEMO_KEY_NAME, revokedAt: null }, data: { revokedAt: new Date() } });
    const { key } = await createApiKey({ db, merchant, actor: { staffId: null, name: "seed" } }, DEMO_KEY_NAME);
    return key;
  });
}

async function main() {
  const startedAt = Date.now();
  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

  const demoId = await seedShop(demo, today);
  await ensureGroupsAndFields(demoId);
  const nikolaidisId = await seedShop(nikolaidis, today);

  const apiKey = await rotateDemoApiKey(demoId);
  const [d, n] = [await summarize(demoId), await summarize(nikolaidisId)];
  const mix = (s: typeof d) =>
    [...languages, null]
      .filter((lang) => s.byLocale.has(lang))
      .map((lang) => `${lang ?? "none"} ${s.byLocale.get(lang)}`)
      .join(", ");
  const counts = (s: typeof d) =>
    `customers ${s.customers} (${mix(s)}), awaiting approval ${s.pending}, staff ${s.staff}, activity ${s.activity}`;
  const base = `http://localhost:${env.PORT}/m`; // PORT defaults to 3000 (env.server.ts)

  console.log(`Demo shop: ${base}/${demo.slug}`);
  console.log(`Demo login: ${demo.owner.email} / ${PASSWORD}`);
  console.log(`Demo staff: ${demo.staff.map((s) => `${s.email} (${s.role})`).join(", ")} / same password`);
  console.log(`Demo counts: ${counts(d)}`);
  console.log(`Second shop: ${base}/${nikolaidis.slug} (login ${nikolaidis.owner.email} / ${PASSWORD})`);
  console.log(`Second shop counts: ${counts(n)}`);
  console.log(`API key: ${apiKey}`);
  console.log(`Try it: curl -H "Authorization: Bearer ${apiKey}" http://localhost:${env.PORT}/api/v1/customers?size=25`);
  console.error(`(seed finished in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  // Creating groups queued their first recompute: close the queue connections so the process can end.
  await closeQueues();
  await prisma.$disconnect();
  redis.disconnect();
}
