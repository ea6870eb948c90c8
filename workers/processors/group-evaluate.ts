import type { Job } from "bullmq";
import { queueDefinitions } from "~/jobs/queues.server";
import { drainEvaluations } from "~/modules/groups/events.server";

export default async function processGroupEvaluate(job: Job) {
  const { merchantId } = queueDefinitions["group-evaluate"].payload.parse(job.data);
  // From now on a change queues a new job instead of being absorbed by this one, which may already be past it.
  await job.removeDeduplicationKey();
  return drainEvaluations(merchantId);
}
