import type { Job } from "bullmq";
import { queueDefinitions } from "~/jobs/queues.server";
import { evaluationVersion } from "~/modules/groups/events.server";
import { evaluateCustomers } from "~/modules/groups/membership.server";
import { withTenant } from "~/utils/db.server";

const MAX_ROUNDS = 5;

export default async function processGroupEvaluate(job: Job) {
  const { merchantId, customerId } = queueDefinitions["group-evaluate"].payload.parse(job.data);
  let total = { added: 0, removed: 0 };
  // A change that arrives while this runs bumps the version (its own enqueue is absorbed by this job): go again.
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const before = await evaluationVersion(merchantId, customerId);
    const changed = await withTenant(merchantId, async (db) => {
      const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId } });
      return evaluateCustomers({ db, merchant }, [BigInt(customerId)]);
    });
    total = { added: total.added + changed.added, removed: total.removed + changed.removed };
    if ((await evaluationVersion(merchantId, customerId)) === before) break;
  }
  return total;
}
