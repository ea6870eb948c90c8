import type { Job } from "bullmq";
import { queueDefinitions } from "~/jobs/queues.server";
import { runImport } from "~/modules/imports/import-customers.server";

export default async function processCustomerImport(job: Job) {
  const payload = queueDefinitions["customer-import"].payload.parse(job.data);
  return runImport(payload, {
    finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    onProgress: (progress) => job.updateProgress(progress),
  });
}
