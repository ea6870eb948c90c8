import { getQueue } from "~/jobs/queues.server";
import { sweepEvaluations } from "~/modules/groups/events.server";
import { bootWorkers, checkEvictionPolicy } from "./boot";
import processCustomerBulk from "./processors/customer-bulk";
import processCustomerExport from "./processors/customer-export";
import processCustomerImport from "./processors/customer-import";
import processGroupEvaluate from "./processors/group-evaluate";
import processGroupReconcile from "./processors/group-reconcile";
import processGroupRecompute from "./processors/group-recompute";
import processMail from "./processors/mail";
import processMaintenance from "./processors/maintenance";
import processWebhookDeliver from "./processors/webhook-deliver";

await checkEvictionPolicy();

// Repeatable jobs are keyed by their scheduler id, so every worker start upserts the same schedules.
const maintenance = getQueue("maintenance");
await maintenance.upsertJobScheduler("sweep-outbox", { every: 30_000 }, { name: "maintenance", data: { task: "sweep-outbox" } });
await maintenance.upsertJobScheduler("nightly-recompute", { every: 5 * 60_000 }, { name: "maintenance", data: { task: "nightly-recompute" } });
await maintenance.upsertJobScheduler("purge-sessions", { pattern: "17 3 * * *" }, { name: "maintenance", data: { task: "purge-sessions" } });

// Pending evaluations whose job Redis lost (e.g. restarted empty) are queued again at once, not at the next sweep.
await sweepEvaluations(0);

await bootWorkers({
  mail: processMail,
  maintenance: processMaintenance,
  "customer-bulk": processCustomerBulk,
  "group-recompute": processGroupRecompute,
  "group-evaluate": processGroupEvaluate,
  "group-reconcile": processGroupReconcile,
  "webhook-deliver": processWebhookDeliver,
  "customer-import": processCustomerImport,
  "customer-export": processCustomerExport,
});
