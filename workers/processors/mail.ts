import type { Job } from "bullmq";
import { queueDefinitions } from "~/jobs/queues.server";
import { deliverMail } from "~/modules/mail/deliver-mail.server";

export default async function processMail(job: Job) {
  return deliverMail(queueDefinitions.mail.payload.parse(job.data));
}
