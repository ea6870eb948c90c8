import os from "node:os";
import { Worker, type Processor } from "bullmq";
import { env } from "~/utils/env.server";
import { createRedis, redis } from "~/utils/redis.server";
import { clearHeartbeat, HEARTBEAT_INTERVAL_MS, writeHeartbeat } from "~/modules/workers/health.server";

export type Processors = Record<string, Processor>;

/** Warns when Redis may evict keys: BullMQ's jobs would silently disappear under memory pressure. */
export async function checkEvictionPolicy(log: (message: string) => void = console.warn) {
  const [, policy] = (await redis.config("GET", "maxmemory-policy")) as [string, string];
  if (policy !== "noeviction") {
    log(`Warning: Redis maxmemory-policy is "${policy}"; set it to "noeviction" or queued jobs may be lost.`);
  }
  return policy;
}

/**
 * Starts one BullMQ Worker per queue, a heartbeat for the dashboard, and graceful shutdown: on SIGTERM/SIGINT
 * workers stop taking jobs, let active ones finish, and the process exits 0.
 */
export async function bootWorkers(processors: Processors, options: { concurrency?: number; onReady?: () => void } = {}) {
  const concurrency = options.concurrency ?? env.WORKER_CONCURRENCY;
  const id = `${os.hostname()}-${process.pid}`;
  const workers = Object.entries(processors).map(
    ([queue, processor]) =>
      new Worker(queue, processor, {
        connection: createRedis(),
        prefix: env.QUEUE_PREFIX,
        concurrency,
        autorun: true,
        // A worker that dies (even by SIGKILL) loses its lock after this long; another worker then resumes the job.
        lockDuration: env.WORKER_LOCK_MS,
        stalledInterval: env.WORKER_LOCK_MS,
      }),
  );
  for (const worker of workers) {
    worker.on("failed", (job, error) => console.error(`[${worker.name}] job ${job?.id ?? "?"} failed: ${error.message}`));
    worker.on("error", (error) => console.error(`[${worker.name}] ${error.message}`));
  }

  const beat = { id, host: os.hostname(), pid: process.pid, startedAt: new Date().toISOString(), concurrency, queues: Object.keys(processors) };
  const heartbeat = async () => writeHeartbeat(beat).catch(() => undefined);
  await heartbeat();
  const timer = setInterval(heartbeat, HEARTBEAT_INTERVAL_MS);

  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      console.log(`${signal} received: finishing active jobs…`);
      clearInterval(timer);
      await Promise.all(workers.map((w) => w.close()));
      await clearHeartbeat(id).catch(() => undefined);
      console.log("Workers stopped cleanly.");
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void shutdown(signal).then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);

  await Promise.all(workers.map((w) => w.waitUntilReady()));
  console.log(`Workers ready: ${Object.keys(processors).join(", ")} (concurrency ${concurrency}, id ${id})`);
  options.onReady?.();
  return { workers, shutdown };
}
