import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createShop } from "../../../tests/factories";
import { closeQueues } from "~/jobs/queues.server";
import { readAnswers, writeAnswers } from "~/modules/custom-fields/answers.server";
import { createField, listFields } from "~/modules/custom-fields/custom-fields.server";
import { fieldBody, typeCases } from "~/modules/custom-fields/fixtures";
import { customFieldSchema } from "~/modules/custom-fields/schemas";
import { createCustomer } from "~/modules/customers/customers.server";
import { createGroup } from "~/modules/groups/groups.server";
import { addToGroup } from "~/modules/groups/membership.server";
import { groupSchema } from "~/modules/groups/schemas";
import { parseMessage } from "~/modules/validation/messages";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { prisma, withTenant } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n.server";
import { runExport } from "./export-customers.server";
import { shopFile } from "./files.server";
import { toCsv } from "./fixtures";
import { runImport } from "./import-customers.server";
import { exportColumns, type ImportMode } from "./schemas";

const dataDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/clientela-cf-csv-test-${process.pid}`;
  process.env.DATA_DIR = dir;
  return dir;
});

afterAll(async () => {
  await closeQueues();
  await rm(dataDir, { recursive: true, force: true });
});

type Merchant = Awaited<ReturnType<typeof createShop>>["merchant"];
const actor = { staffId: null, name: "Owner" };

/** A shop in Greece on Athens time (phones, date-times) with a field of every type. */
async function shopWithFields() {
  const { merchant: created } = await createShop();
  const merchant = await prisma.merchant.update({ where: { id: created.id }, data: { country: "GR", timezone: "Europe/Athens" } });
  const schema = customFieldSchema("en", { country: "GR", timeZone: "Europe/Athens" });
  await inShop(merchant, async (scope) => {
    for (const c of typeCases) await createField(scope, schema.parse(fieldBody(c)));
  });
  const fields = await inShop(merchant, (scope) => listFields(scope));
  const ids = Object.fromEntries(fields.map((f) => [f.key, Object.fromEntries(f.options.map((o) => [o.label.en!, o.id]))]));
  return { merchant, fields, ids };
}

function inShop<T>(merchant: Merchant, fn: (scope: TenantScope) => Promise<T>) {
  return withTenant(merchant.id, (db) => fn({ db, merchant, actor }));
}

/** Uploads `content` as the upload route does and runs the import job. */
async function importCsv(merchant: Merchant, content: string | Buffer, mode: ImportMode, locale = "en") {
  const file = await shopFile(merchant.id, `cf-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file.absolute, content);
  const job = await withTenant(merchant.id, (db) =>
    db.dataJob.create({ data: { merchantId: merchant.id, kind: "import", mode, fileName: "c.csv", filePath: file.relative, locale, createdBy: "Owner" } }),
  );
  const outcome = await runImport({ merchantId: merchant.id, dataJobId: job.id });
  const report = outcome.status === "done" && outcome.reportPath ? (parse(await readFile(path.join(dataDir, outcome.reportPath), "utf8"), { bom: true }) as string[][]) : [];
  return { outcome, reasons: Object.fromEntries(report.slice(1).map((r) => [r[2], r[1]])) };
}

/** A rejection reason as the report writes it: the column, then the validator's message in the starter's language. */
async function reason(lng: "fa" | "en", column: string, raw: string) {
  const { key, params } = parseMessage(raw);
  const [tv, ti] = [await getFixedT(lng, "validation"), await getFixedT(lng, "imports")];
  return ti("reasons.field", { column, message: tv(key, params) });
}

async function answersByEmail(merchant: Merchant) {
  return inShop(merchant, async ({ db }) => {
    const customers = await db.customer.findMany({ where: { merchantId: merchant.id }, orderBy: { id: "asc" } });
    const fields = await listFields({ db, merchant }, { location: "account" });
    const answers = await readAnswers({ db }, merchant.id, fields, customers.map((c) => c.id));
    return Object.fromEntries(customers.map((c) => [c.email, answers.get(c.id)!]));
  });
}

const column = (key: string) => `custom:${key}`;

describe("custom fields in the customer CSV", () => {
  let shop: Awaited<ReturnType<typeof shopWithFields>>;
  beforeAll(async () => {
    shop = await shopWithFields();
  });

  it("reads every type by the validator: good cells stored normalized, bad ones rejected with the column and the reason in the starter's language", async () => {
    const header = ["email", "first_name", "last_name", ...typeCases.map((c) => column(c.key))];
    const row = (email: string, key: string, value: string) => [email, "Ada", "Lovelace", ...typeCases.map((c) => (c.key === key ? value : ""))];
    const csv = toCsv([header, ...typeCases.flatMap((c) => [row(`good-${c.key}@example.test`, c.key, c.good), row(`bad-${c.key}@example.test`, c.key, c.bad)])]);

    const { outcome, reasons } = await importCsv(shop.merchant, csv, "create_only", "fa");
    expect(outcome).toMatchObject({ status: "done", created: typeCases.length, rejected: typeCases.length });
    const answers = await answersByEmail(shop.merchant);
    for (const c of typeCases) {
      expect({ key: c.key, stored: answers[`good-${c.key}@example.test`]![c.key] }).toEqual({ key: c.key, stored: c.stored(shop.ids[c.key]!) });
      expect({ key: c.key, reason: reasons[`bad-${c.key}@example.test`] }).toEqual({ key: c.key, reason: await reason("fa", column(c.key), c.error("fa")) });
      expect(answers[`bad-${c.key}@example.test`]).toBeUndefined();
    }
  });

  it("refuses a custom column that is no enabled field of the shop, naming it", async () => {
    const { outcome } = await importCsv(shop.merchant, toCsv([["email", "first_name", "last_name", "custom:nope"], ["x@example.test", "X", "Y", "1"]]), "create_only");
    expect(outcome).toMatchObject({ status: "failed" });
    if (outcome.status !== "failed") return;
    expect(parseMessage(outcome.error)).toMatchObject({ key: "unknownColumns", params: { columns: "custom:nope" } });
  });

  it("an export writes answers as people read them, and imported again restores them; a second import changes nothing", async () => {
    const { merchant, ids } = await shopWithFields();
    const fields = await inShop(merchant, (scope) => listFields(scope));
    const goods = Object.fromEntries(typeCases.map((c) => [c.key, c.stored(ids[c.key]!)]));
    await inShop(merchant, async (scope) => {
      await createCustomer(scope, { ...base("full@example.test"), customFields: goods });
      await createCustomer(scope, { ...base("some@example.test"), customFields: { wholesale: false, favourite: ids.favourite!.Shoes!, bio: "=A1" } });
      await createCustomer(scope, { ...base("none@example.test") });
    });
    const before = await answersByEmail(merchant);

    const job = await withTenant(merchant.id, (db) => db.dataJob.create({ data: { merchantId: merchant.id, kind: "export", filters: {}, fileName: "all.csv", locale: "fa", createdBy: "Owner" } }));
    const exported = await runExport({ merchantId: merchant.id, dataJobId: job.id });
    if (exported.status !== "done") throw new Error("export did not finish");
    const content = await readFile(path.join(dataDir, exported.filePath));
    const rows = parse(content, { bom: true }) as string[][];
    expect(rows[0]).toEqual([...exportColumns, ...typeCases.map((c) => column(c.key))]);
    const cells = Object.fromEntries(rows.slice(1).map((r) => [r[1], Object.fromEntries(rows[0]!.map((name, i) => [name, r[i]]))]));
    expect(cells["full@example.test"]).toMatchObject({
      "custom:favourite": "کیف",
      "custom:interests": "کفش; کیف",
      "custom:wholesale": "بله",
      "custom:shoe_size": "42.5",
      "custom:founded": "2024-02-29",
      "custom:call_at": "09:30",
      "custom:visit_at": "2026-07-01T07:00:00.000Z",
      "custom:work_phone": "+306912345678",
    });
    expect(cells["some@example.test"]).toMatchObject({ "custom:wholesale": "خیر", "custom:favourite": "کفش", "custom:bio": "'=A1", "custom:nickname": "" });

    // Every answer is lost, then the export brings them back.
    await inShop(merchant, async ({ db }) => {
      const customers = await db.customer.findMany({ where: { merchantId: merchant.id } });
      await writeAnswers(db, merchant.id, customers.flatMap((c) => fields.map((field) => ({ customerId: c.id, field, value: null }))));
    });
    const restored = await importCsv(merchant, content, "update_or_create");
    expect(restored.reasons).toEqual({});
    expect(restored.outcome).toMatchObject({ status: "done", created: 0, updated: 2, rejected: 0 });
    expect(await answersByEmail(merchant)).toEqual(before);

    const updatedAt = await withTenant(merchant.id, (db) => db.customer.findMany({ where: { merchantId: merchant.id }, orderBy: { id: "asc" }, select: { updatedAt: true } }));
    const again = await importCsv(merchant, content, "update_or_create");
    expect(again.outcome).toMatchObject({ status: "done", created: 0, updated: 0, rejected: 0 });
    expect(await answersByEmail(merchant)).toEqual(before);
    expect(await withTenant(merchant.id, (db) => db.customer.findMany({ where: { merchantId: merchant.id }, orderBy: { id: "asc" }, select: { updatedAt: true } }))).toEqual(updatedAt);
  });

  it("holds each row to its customer's groups: new customers to the default group's requirements, columns absent from the file left alone", async () => {
    const { merchant: created } = await createShop();
    const merchant = await prisma.merchant.update({ where: { id: created.id }, data: { country: "GR" } });
    const [retail, wholesale] = await inShop(merchant, async (scope) => {
      const schema = groupSchema("en");
      const r = await createGroup(scope, schema.parse({ name: { en: "Retail" }, kind: "manual", isDefault: true }));
      const w = await createGroup(scope, schema.parse({ name: { en: "Wholesale" }, kind: "manual" }));
      return [r.group, w.group];
    });
    const schema = customFieldSchema("en", { country: "GR", timeZone: "UTC" });
    await inShop(merchant, async (scope) => {
      await createField(scope, schema.parse({ key: "vat", name: { en: "VAT" }, type: "text", requiredGroupIds: [wholesale!.id] }));
      await createField(scope, schema.parse({ key: "source", name: { en: "Source" }, type: "text", requiredGroupIds: [retail!.id] }));
      const trader = await createCustomer(scope, { ...base("trader@example.test"), customFields: { vat: "EL1" } });
      const shopper = await createCustomer(scope, { ...base("shopper@example.test"), customFields: { source: "fair" } });
      if (!trader.ok || !shopper.ok) throw new Error("customers not created");
      await addToGroup(scope, wholesale!.id, [trader.id]);
    });

    const vatOnly = toCsv([
      ["email", "first_name", "last_name", "custom:vat"],
      ["trader@example.test", "Tr", "Ader", ""],
      ["shopper@example.test", "Sh", "Opper", "EL2"],
      ["new@example.test", "Ne", "W", "EL3"],
    ]);
    const first = await importCsv(merchant, vatOnly, "update_or_create");
    expect(first.outcome).toMatchObject({ status: "done", created: 0, updated: 1, rejected: 2 });
    expect(first.reasons).toEqual({
      "trader@example.test": await reason("en", "custom:vat", "required"),
      "new@example.test": await reason("en", "custom:source", "required"),
    });
    expect(await answersByEmail(merchant)).toEqual({ "trader@example.test": { vat: "EL1" }, "shopper@example.test": { vat: "EL2", source: "fair" } });

    const withSource = toCsv([
      ["email", "first_name", "last_name", "custom:source"],
      ["new@example.test", "Ne", "W", "web"],
    ]);
    expect((await importCsv(merchant, withSource, "update_or_create")).outcome).toMatchObject({ status: "done", created: 1, rejected: 0 });
    expect((await answersByEmail(merchant))["new@example.test"]).toEqual({ source: "web" });
  });
});

function base(email: string) {
  return { firstName: "Ada", lastName: "Lovelace", email, phone: null, nationalId: null, gender: null, birthDate: null, locale: null, newsletter: false, status: "active", approval: "approved", notes: null } as const;
}
