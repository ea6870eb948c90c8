import type { Job } from "bullmq";
import { queueDefinitions } from "~/jobs/queues.server";
import { deliverWebhook } from "~/modules/webhooks/webhooks.server";

export default async function processWebhookDeliver(job: Job) {
  const payload = queueDefinitions["webhook-deliver"].payload.parse(job.data);
  const attempt = job.attemptsMade + 1;
  return deliverWebhook(payload, { number: attempt, last: attempt >= (job.opts.attempts ?? 1) });
}
