import { Queue, type JobsOptions } from "bullmq";
import { z } from "zod";
import { env } from "~/utils/env.server";
import { createRedis } from "~/utils/redis.server";

/** Every queue, its payload schema and its default job options. Only workers/ creates Workers for them. */
export const queueDefinitions = {
  mail: {
    payload: z.object({ merchantId: z.string().uuid(), messageId: z.string().uuid() }),
    options: { attempts: 8, backoff: { type: "exponential", delay: 5_000 } },
  },
  "customer-bulk": {
    payload: z.object({
      merchantId: z.string().uuid(),
      action: z.enum(["activate", "deactivate", "block", "approve", "deny", "delete"]),
      filters: z.record(z.string(), z.union([z.string(), z.record(z.string(), z.string())]).optional()),
      actorName: z.string(),
      staffId: z.string().uuid().nullable(),
    }),
    options: { attempts: 5, backoff: { type: "exponential", delay: 5_000 } },
  },
  "customer-import": {
    payload: z.object({ merchantId: z.string().uuid(), dataJobId: z.string().uuid() }),
    options: { attempts: 3, backoff: { type: "exponential", delay: 10_000 } },
  },
  "customer-export": {
    payload: z.object({ merchantId: z.string().uuid(), dataJobId: z.string().uuid() }),
    options: { attempts: 3, backoff: { type: "exponential", delay: 10_000 } },
  },
  "group-recompute": {
    payload: z.object({ merchantId: z.string().uuid(), recomputeId: z.string().uuid() }),
    options: { attempts: 10, backoff: { type: "exponential", delay: 2_000 } },
  },
  "group-evaluate": {
    // One job drains the shop's pending_evaluations; deduplicated per shop while it waits (decision 009).
    payload: z.object({ merchantId: z.string().uuid() }),
    options: { attempts: 10, backoff: { type: "exponential", delay: 1_000 }, removeOnComplete: true, removeOnFail: true },
  },
  "group-reconcile": {
    payload: z.object({ merchantId: z.string().uuid() }),
    options: { attempts: 5, backoff: { type: "exponential", delay: 10_000 } },
  },
  "webhook-deliver": {
    payload: z.object({ merchantId: z.string().uuid(), deliveryId: z.string().uuid() }),
    options: { attempts: 8, backoff: { type: "exponential", delay: 10_000 } },
  },
  maintenance: {
    payload: z.object({ task: z.enum(["sweep-outbox", "purge-sessions", "nightly-recompute"]) }),
    options: { attempts: 3, backoff: { type: "exponential", delay: 10_000 } },
  },
} as const satisfies Record<string, { payload: z.ZodTypeAny; options: JobsOptions }>;

export type QueueName = keyof typeof queueDefinitions;
export type Payload<Q extends QueueName> = z.infer<(typeof queueDefinitions)[Q]["payload"]>;
export const queueNames = Object.keys(queueDefinitions) as QueueName[];

const globalForQueues = globalThis as unknown as { queues?: Map<QueueName, Queue> };
const queues = (globalForQueues.queues ??= new Map());

export function getQueue(name: QueueName): Queue {
  let queue = queues.get(name);
  if (!queue) {
    queue = new Queue(name, {
      connection: createRedis({ maxRetriesPerRequest: 3 }),
      prefix: env.QUEUE_PREFIX,
      defaultJobOptions: { removeOnComplete: { age: 86_400, count: 1_000 }, removeOnFail: { age: 7 * 86_400 }, ...queueDefinitions[name].options },
    });
    queues.set(name, queue);
  }
  return queue;
}

/**
 * The one way to enqueue: the payload is validated, and jobId makes a repeated enqueue a no-op (a deduplication id
 * does so only until the job starts).
 */
export async function enqueue<Q extends QueueName>(name: Q, payload: Payload<Q>, options: JobsOptions & ({ jobId: string } | { deduplication: { id: string } })) {
  const data = queueDefinitions[name].payload.parse(payload);
  return getQueue(name).add(name, data, options);
}

export async function closeQueues() {
  await Promise.all([...queues.values()].map((q) => q.close()));
  queues.clear();
}
