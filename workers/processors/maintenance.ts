import type { Job } from "bullmq";
import { sweepOutbox } from "~/jobs/outbox.server";
import { queueDefinitions } from "~/jobs/queues.server";
import { lucia } from "~/modules/auth/lucia.server";
import { sweepEvaluations } from "~/modules/groups/events.server";
import { scheduleNightlyRecomputes } from "~/modules/groups/schedule.server";

export default async function processMaintenance(job: Job) {
  const { task } = queueDefinitions.maintenance.payload.parse(job.data);
  if (task === "sweep-outbox") return { handedOver: await sweepOutbox(), evaluationsQueued: (await sweepEvaluations()).length };
  if (task === "nightly-recompute") return scheduleNightlyRecomputes();
  await lucia.deleteExpiredSessions();
  return { purged: true };
}
