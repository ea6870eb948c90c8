import type { Job } from "bullmq";
import { queueDefinitions } from "~/jobs/queues.server";
import { runBulkAction } from "~/modules/customers/bulk.server";
import { ListQuerySchema } from "~/modules/customers/list-query";

export default async function processCustomerBulk(job: Job) {
  const payload = queueDefinitions["customer-bulk"].payload.parse(job.data);
  const filters = ListQuerySchema.parse(payload.filters);
  return runBulkAction({ ...payload, filters }, async (done) => {
    await job.updateProgress({ done });
  });
}
