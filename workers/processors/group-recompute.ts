import type { Job } from "bullmq";
import { queueDefinitions } from "~/jobs/queues.server";
import { runRecompute } from "~/modules/groups/membership.server";

export default async function processGroupRecompute(job: Job) {
  const { merchantId, recomputeId } = queueDefinitions["group-recompute"].payload.parse(job.data);
  const result = await runRecompute(merchantId, recomputeId, async (done, total) => {
    await job.updateProgress({ done, total });
  });
  return result ? { status: result.status, added: result.added, removed: result.removed } : null;
}
