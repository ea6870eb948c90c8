// Measures the import on a generated file: npx tsx app/modules/imports/bench-import.ts [rows=100000] [--custom-fields]
// (--custom-fields: the shop has a select, a text and a yes/no field, and the file a column for each).
// Uses DATABASE_URL / APP_DATABASE_URL (the dev database by default) and removes its shop afterwards.
// Besides wall time it reports the CPU seconds of this process and of the import's PostgreSQL backend, because on a
// shared machine the wall time mostly measures the neighbours.
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createShop } from "../../../tests/factories";
import { prisma, withTenant } from "~/utils/db.server";
import { closeQueues } from "~/jobs/queues.server";
import { env } from "~/utils/env.server";
import { redis } from "~/utils/redis.server";
import { createField } from "~/modules/custom-fields/custom-fields.server";
import { customFieldSchema } from "~/modules/custom-fields/schemas";
import { shopFile } from "./files.server";
import { writeCustomerCsv } from "./fixtures";
import { runImport } from "./import-customers.server";

const rows = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 100_000);
const withCustomFields = process.argv.includes("--custom-fields");
const admin = new pg.Client({ connectionString: env.DATABASE_URL });
await admin.connect();
const { merchant, owner } = await createShop({ language: "el" });
await prisma.merchant.update({ where: { id: merchant.id }, data: { country: "GR" } });
const channels = ["Web", "Κατάστημα", "Τηλέφωνο", ""];
if (withCustomFields) {
  const schema = customFieldSchema("el", { country: "GR", timeZone: merchant.timezone });
  await withTenant(merchant.id, async (db) => {
    const scope = { db, merchant, actor: { staffId: null, name: owner.name } };
    await createField(scope, schema.parse({ key: "channel", name: { el: "Κανάλι" }, type: "select", options: channels.filter(Boolean).map((l) => ({ label: { el: l } })) }));
    await createField(scope, schema.parse({ key: "ref", name: { el: "Κωδικός" }, type: "text", maxLength: 20 }));
    await createField(scope, schema.parse({ key: "vip", name: { el: "VIP" }, type: "yesno" }));
  });
}
const extra = { header: ["custom:channel", "custom:ref", "custom:vip"], row: (i: number) => [channels[i % 4]!, i % 3 === 0 ? `R-${i}` : "", i % 2 === 0 ? "ναι" : "όχι"] };

/** CPU seconds (user + system) of a PostgreSQL backend, read from /proc while it runs. */
async function backendCpu(pid: number) {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function importOnce(mode: "create_only" | "update_or_create") {
  const file = await shopFile(merchant.id, `bench-${mode}.csv`);
  await writeCustomerCsv(file.absolute, rows, withCustomFields ? { extra } : {});
  const job = await withTenant(merchant.id, (db) =>
    db.dataJob.create({ data: { merchantId: merchant.id, kind: "import", mode, fileName: "bench.csv", filePath: file.relative, locale: "el", createdBy: owner.name } }),
  );
  let backend = { pid: 0, cpu: 0 };
  const watch = setInterval(async () => {
    try {
      if (!backend.pid) {
        const found = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'clientela-import' AND datname = current_database()");
        if (found.rows[0]) backend = { pid: found.rows[0].pid, cpu: 0 };
      }
      if (backend.pid) backend.cpu = await backendCpu(backend.pid);
    } catch {
      // The backend has exited; the last reading stands.
    }
  }, 50);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const outcome = await runImport({ merchantId: merchant.id, dataJobId: job.id });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(watch);
  const cpu = process.cpuUsage(cpuBefore);
  const nodeCpu = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${mode}: ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds).toLocaleString("en")} rows/s` +
      ` | CPU: node ${nodeCpu.toFixed(2)} s, postgres ${backend.cpu.toFixed(2)} s` +
      ` | ${JSON.stringify(outcome)}`,
  );
}

try {
  await importOnce("create_only");
  await importOnce("update_or_create");
} finally {
  await admin.query("DELETE FROM merchants WHERE id = $1", [merchant.id]);
  await admin.query("DELETE FROM users WHERE id = $1", [owner.id]);
  await admin.end();
  await prisma.$disconnect();
  await closeQueues();
  await redis.quit();
}
