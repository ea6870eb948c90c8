import type { Job } from "bullmq";
import { queueDefinitions } from "~/jobs/queues.server";
import { reconcileShop } from "~/modules/groups/membership.server";

export default async function processGroupReconcile(job: Job) {
  const { merchantId } = queueDefinitions["group-reconcile"].payload.parse(job.data);
  return reconcileShop(merchantId, async (done, max) => {
    await job.updateProgress({ done: Number(done), max: Number(max) });
  });
}
