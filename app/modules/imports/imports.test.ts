import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createShop } from "../../../tests/factories";
import { parse } from "csv-parse/sync";
import type { Merchant } from "~/generated/prisma/client";
import { closeQueues, getQueue } from "~/jobs/queues.server";
import { prisma, withTenant } from "~/utils/db.server";
import { runExport } from "./export-customers.server";
import { resolveShopFile, shopFile } from "./files.server";
import { toCsv } from "./fixtures";
import { runImport } from "./import-customers.server";
import { exportColumns, type ImportMode } from "./schemas";

const dataDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/clientela-imports-test-${process.pid}`;
  process.env.DATA_DIR = dir;
  return dir;
});

type Shop = Awaited<ReturnType<typeof createShop>>;
let shop: Shop;

beforeAll(async () => {
  shop = await createShop({ language: "fa" });
  await prisma.merchant.update({ where: { id: shop.merchant.id }, data: { country: "GR" } });
});

afterAll(async () => {
  await closeQueues();
  await rm(dataDir, { recursive: true, force: true });
});

async function newShop() {
  const created = await createShop();
  const merchant = await prisma.merchant.update({ where: { id: created.merchant.id }, data: { country: "GR" } });
  return { ...created, merchant };
}

/** Stores `content` as an uploaded file of the shop and records an import job for it, as the upload route does. */
async function importJob(merchant: Merchant, content: string | Buffer, options: { mode?: ImportMode; locale?: string; fileName?: string } = {}) {
  const file = await shopFile(merchant.id, `upload-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file.absolute, content);
  const job = await withTenant(merchant.id, (db) =>
    db.dataJob.create({
      data: {
        merchantId: merchant.id,
        kind: "import",
        mode: options.mode ?? "create_only",
        fileName: options.fileName ?? "customers.csv",
        filePath: file.relative,
        locale: options.locale ?? "en",
        createdBy: "Test Owner",
      },
    }),
  );
  return { job, file };
}

const customersOf = (merchantId: string) =>
  withTenant(merchantId, (db) => db.customer.findMany({ where: { merchantId }, orderBy: { id: "asc" } }));
const jobRow = (merchantId: string, id: string) => withTenant(merchantId, (db) => db.dataJob.findFirstOrThrow({ where: { merchantId, id } }));

async function readReport(merchantId: string, relative: string) {
  const text = await readFile(path.join(dataDir, relative), "utf8");
  return { text, rows: parse(text, { bom: true }) as string[][] };
}

const header = ["email", "first_name", "last_name", "phone", "status", "notes"];

describe("customer import", () => {
  it("imports the good rows and reports the bad ones with line numbers and reasons in the starter's language", async () => {
    const merchant = shop.merchant;
    const csv =
      "\uFEFF" +
      toCsv([
        header,
        ["maria@example.test", "Μαρία", "Παπαδοπούλου", "+30 694 123 4567", "active", ""],
        ["not-an-email", "Анна", "Иванова", "", "", ""],
        ["ali@example.test", "علی", "حسینی", "12", "", ""],
        ["Maria@Example.test", "Maria", "Again", "", "", "line\nbreak"],
        ["fatemeh@example.test", "فاطمه", "محمدی", "", "blocked", "two\nlines"],
        ["nikos@example.test", "Νίκος", "Γεωργίου", "", "sleeping", ""],
        ["short@example.test", "Only", "Three"],
      ]);
    const { job, file } = await importJob(merchant, csv, { locale: "fa", fileName: "مشتریان.csv" });

    const outcome = await runImport({ merchantId: merchant.id, dataJobId: job.id });

    expect(outcome).toMatchObject({ status: "done", total: 7, created: 2, updated: 0, rejected: 5 });
    const customers = await customersOf(merchant.id);
    expect(customers.map((c) => [c.email, c.firstName, c.phone, c.status])).toEqual([
      ["maria@example.test", "Μαρία", "+306941234567", "active"],
      ["fatemeh@example.test", "فاطمه", null, "blocked"],
    ]);
    const stats = await withTenant(merchant.id, (db) => db.customerStats.count({ where: { merchantId: merchant.id } }));
    expect(stats).toBe(2);

    const row = await jobRow(merchant.id, job.id);
    expect(row).toMatchObject({ status: "done", total: 7, processed: 7, created: 2, updated: 0, rejected: 5, filePath: null, error: null });
    expect(row.finishedAt).toBeInstanceOf(Date);
    // The upload is deleted once it has been imported; the report stays for download.
    await expect(readFile(file.absolute)).rejects.toMatchObject({ code: "ENOENT" });

    const report = await readReport(merchant.id, row.reportPath!);
    expect(report.text.startsWith("\uFEFF")).toBe(true);
    expect(report.rows[0]).toEqual(["line", "reason", ...header]);
    // Line numbers are the file's: the quoted value with a line break on line 5 moves the rows after it down.
    expect(report.rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ["3", "not-an-email"],
      ["4", "ali@example.test"],
      ["5", "Maria@Example.test"],
      ["9", "nikos@example.test"],
      ["10", "short@example.test"],
    ]);
    const reasons = Object.fromEntries(report.rows.slice(1).map((r) => [r[0], r[1]]));
    expect(reasons["3"]).toBe("email: یک نشانی ایمیل معتبر وارد کنید.");
    expect(reasons["4"]).toBe("phone: یک شمارهٔ تلفن معتبر وارد کنید.");
    expect(reasons["5"]).toBe("این ایمیل در سطری پیش‌تر در همین فایل آمده است.");
    expect(reasons["9"]).toBe("status: یکی از این مقادیر را به کار ببرید: active, inactive, blocked.");
    expect(reasons["10"]).toBe("این ردیف به‌جای ۶ مقدار، ۳ مقدار دارد.");
    // The original values are kept exactly, including the line break inside a quoted cell.
    expect(report.rows.find((r) => r[0] === "5")?.slice(2)).toEqual(["Maria@Example.test", "Maria", "Again", "", "", "line\nbreak"]);

    const activity = await withTenant(merchant.id, (db) => db.activity.findFirst({ where: { merchantId: merchant.id, action: "customers.imported" } }));
    expect(activity).toMatchObject({ actorName: "Test Owner", subject: "مشتریان.csv", data: { total: 7, created: 2, updated: 0, rejected: 5 } });
  });

  it("is idempotent by e-mail: the same file twice in update mode changes nothing, and create-only rejects every row", async () => {
    const { merchant } = await newShop();
    const csv = toCsv([
      ["Email", "First Name", "last-name", "newsletter", "birth_date", "gender", "locale"],
      ["a@example.test", "Anna", "Alpha", "yes", "1985-03-27", "female", "el"],
      ["B@example.test", "Boris", "Beta", "no", "", "", ""],
      ["c@example.test", "Chara", "Gamma", "1", "", "other", "ru"],
    ]);

    const first = await runImport({ merchantId: merchant.id, dataJobId: (await importJob(merchant, csv, { mode: "update_or_create" })).job.id });
    expect(first).toMatchObject({ status: "done", created: 3, updated: 0, rejected: 0, reportPath: null });
    const before = await customersOf(merchant.id);
    expect(before.map((c) => c.email)).toEqual(["a@example.test", "b@example.test", "c@example.test"]);
    expect(before[0]).toMatchObject({ newsletter: true, gender: "female", locale: "el", birthDate: new Date("1985-03-27T00:00:00Z") });
    expect(before[0]!.newsletterAt).toBeInstanceOf(Date);

    const second = await runImport({ merchantId: merchant.id, dataJobId: (await importJob(merchant, csv, { mode: "update_or_create" })).job.id });
    expect(second).toMatchObject({ status: "done", total: 3, created: 0, updated: 0, rejected: 0 });
    const after = await customersOf(merchant.id);
    expect(after.map((c) => [c.id, c.email, c.newsletterAt?.getTime(), c.updatedAt.getTime()])).toEqual(
      before.map((c) => [c.id, c.email, c.newsletterAt?.getTime(), c.updatedAt.getTime()]),
    );

    const changed = toCsv([
      ["email", "first_name", "last_name", "status"],
      ["A@EXAMPLE.TEST", "Anna-Maria", "Alpha", ""],
      ["d@example.test", "Dora", "Delta", "inactive"],
    ]);
    await withTenant(merchant.id, (db) => db.customer.updateMany({ where: { merchantId: merchant.id, email: "a@example.test" }, data: { status: "blocked" } }));
    const third = await runImport({ merchantId: merchant.id, dataJobId: (await importJob(merchant, changed, { mode: "update_or_create" })).job.id });
    expect(third).toMatchObject({ status: "done", created: 1, updated: 1, rejected: 0 });
    const anna = (await customersOf(merchant.id)).find((c) => c.email === "a@example.test");
    // Columns absent from the file and a blank status keep their values.
    expect(anna).toMatchObject({ firstName: "Anna-Maria", status: "blocked", newsletter: true, gender: "female", locale: "el" });

    const createOnly = await runImport({ merchantId: merchant.id, dataJobId: (await importJob(merchant, csv, { mode: "create_only" })).job.id });
    expect(createOnly).toMatchObject({ status: "done", created: 0, updated: 0, rejected: 3 });
    expect(await customersOf(merchant.id)).toHaveLength(4);
    if (createOnly.status !== "done") throw new Error("expected done");
    const report = await readReport(merchant.id, createOnly.reportPath!);
    expect(report.rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ["2", "A customer with this e-mail already exists."],
      ["3", "A customer with this e-mail already exists."],
      ["4", "A customer with this e-mail already exists."],
    ]);
  });

  it("fails a file with a missing required column, an unknown column, no rows or binary content, writing nothing", async () => {
    const { merchant } = await newShop();
    const cases: Array<[string | Buffer, string]> = [
      [toCsv([["email", "first_name"], ["x@example.test", "X"]]), 'missingColumns|{"columns":"last_name"}'],
      [toCsv([["email", "first_name", "last_name", "loyalty_tier"], ["x@example.test", "X", "Y", "gold"]]), "unknownColumns|"],
      [toCsv([["email", "first_name", "last_name", "email"], ["x@example.test", "X", "Y", "z@example.test"]]), 'duplicateColumns|{"columns":"email"}'],
      ["", "empty"],
      ["\uFEFF\r\n\r\n", "empty"],
      ["email,first_name,last_name\n", "noRows"],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]), "notCsv"],
      [Buffer.from("email,first_name,last_name\nx@example.test,J\xf6rg,M\xfcller\n", "latin1"), "notUtf8"],
      ['email,first_name,last_name\nx@example.test,"unclosed,Y\n', "malformed|"],
    ];
    for (const [content, error] of cases) {
      const { job } = await importJob(merchant, content);
      const outcome = await runImport({ merchantId: merchant.id, dataJobId: job.id });
      expect(outcome.status, error).toBe("failed");
      const row = await jobRow(merchant.id, job.id);
      expect(row.status).toBe("failed");
      expect(row.error?.startsWith(error), `${row.error} starts with ${error}`).toBe(true);
      expect(row.finishedAt).toBeInstanceOf(Date);
    }
    expect(await customersOf(merchant.id)).toEqual([]);
    const imported = await withTenant(merchant.id, (db) => db.activity.count({ where: { merchantId: merchant.id, action: "customers.imported" } }));
    expect(imported).toBe(0);
  });

  it("leaves nothing written when it crashes half-way, and a retry starts over cleanly", async () => {
    const { merchant } = await newShop();
    const rows = Array.from({ length: 20 }, (_, i) => [`crash-${i}@example.test`, `First${i}`, `Last${i}`]);
    const { job } = await importJob(merchant, toCsv([["email", "first_name", "last_name"], ...rows]));
    let batches = 0;
    const crash = runImport(
      { merchantId: merchant.id, dataJobId: job.id },
      {
        batchSize: 4,
        finalAttempt: false,
        onProgress: () => {
          batches += 1;
          if (batches === 4) throw new Error("worker killed");
        },
      },
    );
    await expect(crash).rejects.toThrow("worker killed");
    expect(await customersOf(merchant.id)).toEqual([]);
    expect(await jobRow(merchant.id, job.id)).toMatchObject({ status: "queued", created: 0 });

    const progress: number[] = [];
    const retry = await runImport({ merchantId: merchant.id, dataJobId: job.id }, { batchSize: 4, onProgress: (p) => void progress.push(p.processed) });
    expect(retry).toMatchObject({ status: "done", total: 20, created: 20, rejected: 0 });
    expect(progress).toEqual([0, 4, 8, 12, 16, 20, 20]);
    expect(await customersOf(merchant.id)).toHaveLength(20);
    // A finished job is not run again when it is handed over a second time.
    expect(await runImport({ merchantId: merchant.id, dataJobId: job.id })).toEqual({ status: "skipped" });
  });

  it("rejects a repeated e-mail even when the first one was in an earlier batch", async () => {
    const { merchant } = await newShop();
    const csv = toCsv([
      ["email", "first_name", "last_name"],
      ["one@example.test", "A", "One"],
      ["two@example.test", "B", "Two"],
      ["ONE@example.test", "C", "Again"],
      ["three@example.test", "D", "Three"],
      ["two@example.test", "E", "Again"],
      ["two@example.test", "F", "Again"],
    ]);
    for (const mode of ["create_only", "update_or_create"] as const) {
      const { job } = await importJob(merchant, csv, { mode });
      const outcome = await runImport({ merchantId: merchant.id, dataJobId: job.id }, { batchSize: 2 });
      if (outcome.status !== "done") throw new Error(`expected done, got ${outcome.status}`);
      const report = await readReport(merchant.id, outcome.reportPath!);
      const duplicate = "This e-mail already appears on an earlier line of the file.";
      if (mode === "create_only") {
        expect(outcome).toMatchObject({ created: 3, rejected: 3 });
        expect(report.rows.slice(1).map((r) => [r[0], r[1]])).toEqual([["4", duplicate], ["6", duplicate], ["7", duplicate]]);
      } else {
        expect(outcome).toMatchObject({ created: 0, updated: 0, rejected: 3 });
        expect(report.rows.slice(1).map((r) => r[0])).toEqual(["4", "6", "7"]);
      }
    }
    expect((await customersOf(merchant.id)).map((c) => [c.email, c.firstName])).toEqual([
      ["one@example.test", "A"],
      ["two@example.test", "B"],
      ["three@example.test", "D"],
    ]);
  });

  it("queues one reconciliation of the shop's automatic groups once the import is committed, not one evaluation per customer", async () => {
    const { merchant } = await newShop();
    await withTenant(merchant.id, (db) => db.customerGroup.create({ data: { merchantId: merchant.id, name: { en: "Auto" }, kind: "automatic" } }));
    const rows = Array.from({ length: 30 }, (_, i) => [`group-${i}@example.test`, "G", `Member${i}`]);
    const { job } = await importJob(merchant, toCsv([["email", "first_name", "last_name"], ...rows]));
    expect(await runImport({ merchantId: merchant.id, dataJobId: job.id })).toMatchObject({ status: "done", created: 30 });

    const jobId = `reconcile-${merchant.id}-import-${job.id}`;
    await vi.waitFor(async () => expect((await getQueue("group-reconcile").getJob(jobId))?.data).toEqual({ merchantId: merchant.id }));
    const evaluations = await prisma.jobOutbox.count({ where: { queue: "group-evaluate", jobId: { startsWith: `eval-${merchant.id}-` } } });
    expect(evaluations).toBe(0);
    await (await getQueue("group-reconcile").getJob(jobId))?.remove();
  });

  it("recognizes semicolon-separated files and undoes the formula guard of its own exports", async () => {
    const { merchant } = await newShop();
    const csv = "email;first_name;last_name;notes\r\nsemi@example.test;'=Eve;O'Brien;'@home\r\n";
    const outcome = await runImport({ merchantId: merchant.id, dataJobId: (await importJob(merchant, csv)).job.id });
    expect(outcome).toMatchObject({ status: "done", created: 1 });
    expect((await customersOf(merchant.id))[0]).toMatchObject({ firstName: "=Eve", lastName: "O'Brien", notes: "@home" });
  });
});

describe("customer export", () => {
  it("writes every customer matching the filter, in id order, as UTF-8 CSV with a BOM", async () => {
    const { merchant } = await newShop();
    await withTenant(merchant.id, (db) =>
      db.customer.createMany({
        data: [
          { merchantId: merchant.id, firstName: "Μαρία", lastName: "Παπαδοπούλου", email: "maria@example.test", status: "blocked", phone: "+306941234567" },
          { merchantId: merchant.id, firstName: "Анна", lastName: "Иванова", email: "anna@example.test", status: "active" },
          { merchantId: merchant.id, firstName: "=HYPERLINK(\"http://x\")", lastName: "فاطمه", email: "f@example.test", status: "blocked", newsletter: true, notes: "line\nbreak" },
          { merchantId: merchant.id, firstName: "علی", lastName: "حسینی", email: "ali@example.test", status: "blocked", birthDate: new Date("1990-02-03T00:00:00Z") },
        ],
      }),
    );
    const ids = (await customersOf(merchant.id)).map((c) => c.id.toString());
    const job = await withTenant(merchant.id, (db) =>
      db.dataJob.create({ data: { merchantId: merchant.id, kind: "export", filters: { status: "blocked" }, fileName: "export.csv", locale: "el", createdBy: "Owner" } }),
    );
    const progress: number[] = [];
    const outcome = await runExport({ merchantId: merchant.id, dataJobId: job.id }, { batchSize: 2, onProgress: (p) => void progress.push(p.processed) });
    expect(outcome).toMatchObject({ status: "done", total: 3 });
    expect(progress).toEqual([2, 3]);

    const row = await jobRow(merchant.id, job.id);
    expect(row).toMatchObject({ status: "done", total: 3, processed: 3 });
    const text = await readFile(path.join(dataDir, row.filePath!), "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows[0]).toEqual([...exportColumns]);
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
      [ids[0], "maria@example.test", "Μαρία", "Παπαδοπούλου"],
      [ids[2], "f@example.test", "'=HYPERLINK(\"http://x\")", "فاطمه"],
      [ids[3], "ali@example.test", "علی", "حسینی"],
    ]);
    const byEmail = Object.fromEntries(rows.slice(1).map((r) => [r[1], Object.fromEntries(exportColumns.map((c, i) => [c, r[i]]))]));
    expect(byEmail["maria@example.test"]).toMatchObject({ phone: "+306941234567", status: "blocked", newsletter: "false", orders_count: "0", total_spent: "0.00" });
    expect(byEmail["f@example.test"]).toMatchObject({ newsletter: "true", notes: "line\nbreak" });
    expect(byEmail["ali@example.test"]).toMatchObject({ birth_date: "1990-02-03" });
    expect(byEmail["ali@example.test"]!.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const exported = await withTenant(merchant.id, (db) => db.activity.findFirst({ where: { merchantId: merchant.id, action: "customers.exported" } }));
    expect(exported).toMatchObject({ subject: "export.csv", data: { total: 3 } });
  });

  it("an exported file can be imported again unchanged", async () => {
    const { merchant } = await newShop();
    await withTenant(merchant.id, (db) =>
      db.customer.createMany({
        data: [
          { merchantId: merchant.id, firstName: "+Plus", lastName: "Минус", email: "one@example.test", notes: "-5 points", locale: "ru" },
          { merchantId: merchant.id, firstName: "Δύο", lastName: "Two", email: "two@example.test", gender: "male", newsletter: true },
        ],
      }),
    );
    const before = await customersOf(merchant.id);
    const job = await withTenant(merchant.id, (db) => db.dataJob.create({ data: { merchantId: merchant.id, kind: "export", filters: {}, fileName: "all.csv", locale: "en", createdBy: "Owner" } }));
    const exported = await runExport({ merchantId: merchant.id, dataJobId: job.id });
    if (exported.status !== "done") throw new Error("export did not finish");
    const content = await readFile(path.join(dataDir, exported.filePath));
    const reimport = await runImport({ merchantId: merchant.id, dataJobId: (await importJob(merchant, content, { mode: "update_or_create" })).job.id });
    expect(reimport).toMatchObject({ status: "done", total: 2, created: 0, updated: 0, rejected: 0 });
    expect((await customersOf(merchant.id)).map((c) => [c.firstName, c.lastName, c.notes, c.updatedAt.getTime()])).toEqual(
      before.map((c) => [c.firstName, c.lastName, c.notes, c.updatedAt.getTime()]),
    );
  });
});

describe("data directory", () => {
  it("keeps each shop's files in its own folder and refuses names that leave it", async () => {
    const file = await shopFile(shop.merchant.id, "x.csv");
    expect(file).toEqual({ relative: `${shop.merchant.id}/x.csv`, absolute: path.join(dataDir, shop.merchant.id, "x.csv") });
    await expect(shopFile(shop.merchant.id, "../escape.csv")).rejects.toThrow();
    expect(() => resolveShopFile(shop.merchant.id, "00000000-0000-0000-0000-000000000000/x.csv")).toThrow();
  });
});
