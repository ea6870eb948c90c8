import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Queue, type Job } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { closeQueues } from "~/jobs/queues.server";
import { heartbeatKey, readWorkerHealth } from "~/modules/workers/health.server";
import { redis } from "~/utils/redis.server";
import { checkEvictionPolicy } from "./boot";

const root = fileURLToPath(new URL("..", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/slow-worker.ts", import.meta.url));

const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const queue = new Queue("test-slow", { connection, prefix: process.env.QUEUE_PREFIX });
const jobs: Job[] = [];
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
  await Promise.all(jobs.splice(0).map((job) => job.remove().catch(() => undefined)));
});

afterAll(async () => {
  await queue.close();
  await connection.quit();
  await closeQueues();
});

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function startWorkerProcess() {
  const proc = spawn(process.execPath, ["--import", "tsx", fixture], { cwd: root, env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] });
  const output = { stdout: "", stderr: "" };
  proc.stdout!.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
  proc.stderr!.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { proc, output, exited };
}

async function addJob(ms: number) {
  const job = await queue.add("slow", { ms }, { jobId: `boot-test-${randomUUID()}` });
  jobs.push(job);
  return job;
}

describe("bootWorkers", () => {
  it("on SIGTERM finishes the active job, takes no new one, clears its heartbeat and exits 0", async () => {
    const worker = startWorkerProcess();
    child = worker.proc;
    await until("READY", () => {
      if (worker.proc.exitCode !== null) throw new Error(`worker exited early (${worker.proc.exitCode}): ${worker.output.stderr}`);
      return worker.output.stdout.includes("READY\n");
    });
    const id = `${os.hostname()}-${worker.proc.pid}`;

    const job = await addJob(2_000);
    await until("the job to be active", async () => (await job.getState()) === "active");
    // Queued behind the active one (concurrency 1): a closing worker must leave it for another worker.
    const next = await addJob(10);

    const { workers } = await readWorkerHealth();
    expect(workers.filter((w) => w.id === id)).toEqual([
      { id, host: os.hostname(), pid: worker.proc.pid, startedAt: expect.any(String), concurrency: 1, queues: ["test-slow"] },
    ]);
    expect(await redis.ttl(heartbeatKey(id))).toBeGreaterThan(0);

    const signalledAt = Date.now();
    expect(worker.proc.kill("SIGTERM")).toBe(true);
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output.stdout).toContain("SIGTERM received");
    expect(worker.output.stdout).toContain("Workers stopped cleanly.");
    expect(worker.output.stderr).toBe("");

    const done = await queue.getJob(job.id!);
    expect(await done?.getState()).toBe("completed");
    expect(done?.returnvalue).toMatchObject({ sleptMs: 2_000, pid: worker.proc.pid });
    expect(done?.returnvalue.finishedAt).toBeGreaterThanOrEqual(signalledAt);
    expect(done?.processedOn).toBeLessThan(signalledAt);
    // Ran once, to the end, without BullMQ ever seeing it as stalled.
    expect(done).toMatchObject({ stalledCounter: 0, attemptsStarted: 1, attemptsMade: 1 });
    expect(done?.failedReason).toBeFalsy();

    expect(await queue.getJobState(next.id!)).toBe("waiting");
    expect(await redis.exists(heartbeatKey(id))).toBe(0);
    expect((await readWorkerHealth()).workers.map((w) => w.id)).not.toContain(id);
  });
});

describe("checkEvictionPolicy", () => {
  it("returns Redis's policy and warns only when it is not noeviction", async () => {
    const [, policy] = (await redis.config("GET", "maxmemory-policy")) as [string, string];
    const log = vi.fn();
    expect(await checkEvictionPolicy(log)).toBe(policy);
    if (policy === "noeviction") expect(log).not.toHaveBeenCalled();
    else expect(log).toHaveBeenCalledExactlyOnceWith(expect.stringContaining(`"${policy}"`));
  });

  it("warns (by default on console.warn) when keys may be evicted", async () => {
    const config = vi.spyOn(redis, "config").mockResolvedValueOnce(["maxmemory-policy", "allkeys-lru"] as never);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      expect(await checkEvictionPolicy()).toBe("allkeys-lru");
      expect(config).toHaveBeenCalledWith("GET", "maxmemory-policy");
      expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/maxmemory-policy is "allkeys-lru".*noeviction/));
    } finally {
      config.mockRestore();
      warn.mockRestore();
    }
  });
});
