import { afterCommit, prisma, type Db } from "~/utils/db.server";
import { enqueue, queueDefinitions, type Payload, type QueueName } from "./queues.server";

/**
 * Enqueues a job as part of the caller's transaction: the outbox row commits or rolls back with the change that
 * caused it, is handed to BullMQ after commit, and is re-sent by sweepOutbox if Redis could not take it then.
 */
export async function enqueueInTransaction<Q extends QueueName>(
  db: Db,
  name: Q,
  payload: Payload<Q>,
  options: { jobId: string; delay?: number },
) {
  const data = queueDefinitions[name].payload.parse(payload) as Payload<Q>;
  const row = await db.jobOutbox.create({
    data: { queue: name, jobId: options.jobId, payload: data, delayMs: options.delay ?? 0 },
    select: { id: true },
  });
  afterCommit(db, async () => {
    await enqueue(name, data, { jobId: options.jobId, delay: options.delay });
    await prisma.jobOutbox.delete({ where: { id: row.id } }).catch(() => undefined);
  });
}

/** Hands over outbox rows older than minAgeMs (their after-commit enqueue failed or the process died). */
export async function sweepOutbox(minAgeMs = 30_000, batch = 500) {
  const rows = await prisma.jobOutbox.findMany({
    where: { createdAt: { lt: new Date(Date.now() - minAgeMs) } },
    orderBy: { id: "asc" },
    take: batch,
  });
  return handOver(rows);
}

/** After commit, hands over outbox rows a statement wrote in SQL (e.g. one webhook delivery per membership change). */
export function handOverAfterCommit(db: Db, outboxIds: bigint[]) {
  if (outboxIds.length === 0) return;
  afterCommit(db, async () => {
    for (let i = 0; i < outboxIds.length; i += 500) {
      await handOver(await prisma.jobOutbox.findMany({ where: { id: { in: outboxIds.slice(i, i + 500) } }, orderBy: { id: "asc" } }));
    }
  });
}

async function handOver(rows: Array<{ id: bigint; queue: string; jobId: string; payload: unknown; delayMs: number }>) {
  let sent = 0;
  for (const row of rows) {
    const definition = queueDefinitions[row.queue as QueueName];
    const payload = definition?.payload.safeParse(row.payload);
    // A row no code can run any more (queue removed, payload from an older version) is dropped, not retried forever.
    if (!definition || !payload?.success) {
      console.warn(`Outbox row ${row.id} for queue "${row.queue}" cannot be handed over; dropping it.`);
      await prisma.jobOutbox.deleteMany({ where: { id: row.id } });
      continue;
    }
    const name = row.queue as QueueName;
    await enqueue(name, payload.data as Payload<typeof name>, { jobId: row.jobId, delay: row.delayMs });
    await prisma.jobOutbox.deleteMany({ where: { id: row.id } });
    sent += 1;
  }
  return sent;
}
