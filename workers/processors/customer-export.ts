import type { Job } from "bullmq";
import { queueDefinitions } from "~/jobs/queues.server";
import { runExport } from "~/modules/imports/export-customers.server";

export default async function processCustomerExport(job: Job) {
  const payload = queueDefinitions["customer-export"].payload.parse(job.data);
  return runExport(payload, {
    finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    onProgress: (progress) => job.updateProgress(progress),
  });
}
