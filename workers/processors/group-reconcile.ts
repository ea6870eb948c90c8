import type { Job } from "bullmq";
import { queueDefinitions } from "~/jobs/queues.server";
import { queueEvaluationJob } from "~/modules/groups/events.server";
import { reconcileShop } from "~/modules/groups/membership.server";

export default async function processGroupReconcile(job: Job) {
  const { merchantId } = queueDefinitions["group-reconcile"].payload.parse(job.data);
  const result = await reconcileShop(merchantId, async (done, max) => {
    await job.updateProgress({ done: Number(done), max: Number(max) });
  });
  // Customers still pending (their job lost with Redis) are evaluated too, so nothing waits for the next sweep.
  await queueEvaluationJob(merchantId);
  return result;
}
