import { getQueue, queueNames } from "~/jobs/queues.server";
import { key, redis } from "~/utils/redis.server";

export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_TTL_SECONDS = 20;

export interface Heartbeat {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  concurrency: number;
  queues: string[];
}

export const heartbeatKey = (id: string) => key("workers", id);

export async function writeHeartbeat(beat: Heartbeat) {
  await redis.set(heartbeatKey(beat.id), JSON.stringify(beat), "EX", HEARTBEAT_TTL_SECONDS);
}

export async function clearHeartbeat(id: string) {
  await redis.del(heartbeatKey(id));
}

/** Workers whose heartbeat has not expired, and each queue's depth: what the overview shows an operator. */
export async function readWorkerHealth() {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", heartbeatKey("*"), "COUNT", 100);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  const values = keys.length ? await redis.mget(keys) : [];
  const workers = values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as Heartbeat);
  const queues = await Promise.all(
    queueNames.map(async (name) => {
      const counts = await getQueue(name).getJobCounts("waiting", "active", "delayed", "failed");
      return { name, waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 };
    }),
  );
  return { workers, queues };
}
