import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createShop } from "../../../tests/factories";
import { contextFor, settle } from "../../../tests/routes";
import { closeQueues, getQueue } from "~/jobs/queues.server";
import { action as exportAction } from "~/routes/m.$shop.customers.export";
import { action as importAction } from "~/routes/m.$shop.customers.import";
import { loader as progressLoader } from "~/routes/m.$shop.data-jobs.$id._index";
import { loader as downloadLoader } from "~/routes/m.$shop.data-jobs.$id.download";
import { withTenant } from "~/utils/db.server";
import { runExport } from "./export-customers.server";
import { createUploadHandler, UploadTooLargeError } from "./files.server";
import { toCsv } from "./fixtures";
import { runImport } from "./import-customers.server";

const dataDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/clientela-imports-routes-${process.pid}`;
  process.env.DATA_DIR = dir;
  return dir;
});

const greekEmailMessage = "Εισαγάγετε μια έγκυρη διεύθυνση ηλεκτρονικού ταχυδρομείου.";
const queuedJobs: Array<["customer-import" | "customer-export", string]> = [];

afterAll(async () => {
  await Promise.all(queuedJobs.map(async ([queue, id]) => (await getQueue(queue).getJob(id))?.remove()));
  await closeQueues();
  await rm(dataDir, { recursive: true, force: true });
});

function uploadRequest(slug: string, fields: { file?: { name: string; content: string }; mode?: string }) {
  const form = new FormData();
  if (fields.mode) form.set("mode", fields.mode);
  form.set("file", fields.file ? new File([fields.file.content], fields.file.name, { type: "text/csv" }) : new File([], ""));
  return new Request(`http://localhost/m/${slug}/customers/import`, { method: "POST", body: form });
}

const filesOf = async (merchantId: string) => readdir(path.join(dataDir, merchantId)).catch(() => [] as string[]);

describe("import route", () => {
  it("streams the upload to the shop's folder, records the job, queues it through the outbox and redirects to its progress", async () => {
    const shop = await createShop({ language: "el" });
    const context = await contextFor(shop.owner.id);
    const params = { shop: shop.merchant.slug };
    const content = toCsv([
      ["email", "first_name", "last_name"],
      ["eleni@example.test", "Ελένη", "Νικολάου"],
      ["bad", "Κώστας", "Παππάς"],
    ]);

    const answer = await settle(importAction({ request: uploadRequest(shop.merchant.slug, { file: { name: "πελάτες.csv", content }, mode: "update_or_create" }), params, context }));

    expect(answer.status).toBe(302);
    const location = answer.response!.headers.get("Location")!;
    const id = location.split("/").pop()!;
    expect(location).toBe(`/m/${shop.merchant.slug}/data-jobs/${id}`);
    queuedJobs.push(["customer-import", `import-${id}`]);
    const job = await withTenant(shop.merchant.id, (db) => db.dataJob.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id } }));
    expect(job).toMatchObject({ kind: "import", status: "queued", mode: "update_or_create", fileName: "πελάτες.csv", locale: "el", createdBy: shop.owner.name });
    expect(job.filePath).toMatch(new RegExp(`^${shop.merchant.id}/upload-[0-9a-f-]+\\.csv$`));
    expect(await readFile(path.join(dataDir, job.filePath!), "utf8")).toBe(content);
    await vi.waitFor(async () => expect(await getQueue("customer-import").getJob(`import-${id}`)).toBeTruthy());
    expect((await getQueue("customer-import").getJob(`import-${id}`))?.data).toEqual({ merchantId: shop.merchant.id, dataJobId: id });

    const progress = await settle(progressLoader({ request: new Request(`http://localhost${location}`), params: { ...params, id }, context }));
    expect(progress.data).toMatchObject({ job: { id, status: "queued", percent: 0, downloadable: false } });

    // What the worker does with it.
    expect(await runImport({ merchantId: shop.merchant.id, dataJobId: id })).toMatchObject({ status: "done", created: 1, rejected: 1 });
    const done = await settle(progressLoader({ request: new Request(`http://localhost${location}`), params: { ...params, id }, context }));
    expect(done.data).toMatchObject({ job: { status: "done", percent: 100, processed: 2, created: 1, rejected: 1, downloadable: true } });

    const download = await settle(downloadLoader({ request: new Request(`http://localhost${location}/download`), params: { ...params, id }, context }));
    expect(download.status).toBe(200);
    expect(download.response!.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(download.response!.headers.get("Content-Disposition")).toBe(
      `attachment; filename="_______-rejected.csv"; filename*=UTF-8''${encodeURIComponent("πελάτες-rejected.csv")}`,
    );
    const report = await download.response!.text();
    expect(report.split("\r\n")).toEqual(["line,reason,email,first_name,last_name", `3,email: ${greekEmailMessage},bad,Κώστας,Παππάς`, ""]);
  });

  it("refuses a missing file or mode without keeping anything, and staff without edit rights before reading the upload", async () => {
    const shop = await createShop();
    const context = await contextFor(shop.owner.id);
    const params = { shop: shop.merchant.slug };
    const file = { name: "c.csv", content: "email,first_name,last_name\n" };

    const noFile = await settle(importAction({ request: uploadRequest(shop.merchant.slug, { mode: "create_only" }), params, context }));
    expect(noFile).toMatchObject({ status: 400, data: { error: "noFile" } });
    const noMode = await settle(importAction({ request: uploadRequest(shop.merchant.slug, { file }), params, context }));
    expect(noMode).toMatchObject({ status: 400, data: { error: "mode" } });
    expect(await filesOf(shop.merchant.id)).toEqual([]);

    const other = await createShop();
    const outsider = await settle(importAction({ request: uploadRequest(shop.merchant.slug, { file, mode: "create_only" }), params, context: await contextFor(other.owner.id) }));
    expect(outsider.status).toBe(404);
    expect(await filesOf(shop.merchant.id)).toEqual([]);
    const count = await withTenant(shop.merchant.id, (db) => db.dataJob.count({ where: { merchantId: shop.merchant.id } }));
    expect(count).toBe(0);
  });
});

describe("upload handler", () => {
  it("stops at the size limit and leaves no partial file", async () => {
    const shop = await createShop();
    const { handler, uploads } = createUploadHandler(shop.merchant.id, 1_000);
    const request = uploadRequest(shop.merchant.slug, { file: { name: "big.csv", content: "x".repeat(5_000) }, mode: "create_only" });
    await expect(unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(handler, unstable_createMemoryUploadHandler()))).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(uploads).toEqual([]);
    expect(await filesOf(shop.merchant.id)).toEqual([]);
  });
});

describe("export route and downloads", () => {
  it("exports the list's current filter, and serves the file only to staff of the job's shop", async () => {
    const shopA = await createShop();
    const shopB = await createShop();
    const contextA = await contextFor(shopA.owner.id);
    const contextB = await contextFor(shopB.owner.id);
    await withTenant(shopB.merchant.id, (db) =>
      db.customer.createMany({
        data: [
          { merchantId: shopB.merchant.id, firstName: "Nadia", lastName: "B", email: "nadia@example.test", newsletter: true },
          { merchantId: shopB.merchant.id, firstName: "Oleg", lastName: "B", email: "oleg@example.test" },
        ],
      }),
    );

    const request = new Request(`http://localhost/m/${shopB.merchant.slug}/customers/export?newsletter=yes&sort=name&size=25`, { method: "POST" });
    const answer = await settle(exportAction({ request, params: { shop: shopB.merchant.slug }, context: contextB }));
    expect(answer.status).toBe(302);
    const id = answer.response!.headers.get("Location")!.split("/").pop()!;
    queuedJobs.push(["customer-export", `export-${id}`]);
    const job = await withTenant(shopB.merchant.id, (db) => db.dataJob.findFirstOrThrow({ where: { merchantId: shopB.merchant.id, id } }));
    expect(job).toMatchObject({ kind: "export", status: "queued", filters: { newsletter: "yes" }, mode: null });
    expect(await runExport({ merchantId: shopB.merchant.id, dataJobId: id })).toMatchObject({ status: "done", total: 1 });

    const own = await settle(downloadLoader({ request: new Request("http://localhost/"), params: { shop: shopB.merchant.slug, id }, context: contextB }));
    expect(own.status).toBe(200);
    expect(own.response!.headers.get("Content-Disposition")).toBe(`attachment; filename="${job.fileName}"; filename*=UTF-8''${job.fileName}`);
    const bytes = new Uint8Array(await own.response!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(body.startsWith("\uFEFFid,email,first_name,last_name,")).toBe(true);
    expect(body).toContain("nadia@example.test");
    expect(body).not.toContain("oleg@example.test");

    // Shop A's staff asking for shop B's job, through shop A's URL or through shop B's: not found either way.
    const viaOwnShop = await settle(downloadLoader({ request: new Request("http://localhost/"), params: { shop: shopA.merchant.slug, id }, context: contextA }));
    expect(viaOwnShop.status).toBe(404);
    const viaOtherShop = await settle(downloadLoader({ request: new Request("http://localhost/"), params: { shop: shopB.merchant.slug, id }, context: contextA }));
    expect(viaOtherShop.status).toBe(404);
    const progress = await settle(progressLoader({ request: new Request("http://localhost/"), params: { shop: shopA.merchant.slug, id }, context: contextA }));
    expect(progress.status).toBe(404);
    const garbage = await settle(downloadLoader({ request: new Request("http://localhost/"), params: { shop: shopB.merchant.slug, id: "../../etc/passwd" }, context: contextB }));
    expect(garbage.status).toBe(404);
  });
});
