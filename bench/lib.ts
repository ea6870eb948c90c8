// Helpers for bench/index.ts: timing statistics, the production server as a child process, and an HTTP client
// that keeps the session cookie. Everything talks to 127.0.0.1 only.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import { performance } from "node:perf_hooks";

/** The password `npm run seed:big` gives the big shop's owner (scripts/seed-big.ts). */
export const BENCH_PASSWORD = "demo-password-2026";

export interface Stats {
  n: number;
  /** Mean CPU time of the server process per request (all its threads), when measured. */
  cpu?: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentiles of a list of durations in milliseconds. */
export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

export interface RunOptions {
  iterations: number;
  warmup: number;
  /** Stop early (with fewer samples) once this much time has gone by. */
  maxMs: number;
}

/** Runs fn sequentially: warm-up calls first (not measured), then timed calls until `iterations` or `maxMs`. */
export async function measure(fn: () => Promise<void>, options: RunOptions): Promise<Stats> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const samples: number[] = [];
  const deadline = performance.now() + options.maxMs;
  for (let i = 0; i < options.iterations && (i === 0 || performance.now() < deadline); i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

export interface Scenario {
  label: string;
  run: () => Promise<void>;
}

/**
 * Runs several scenarios in rounds (one call of each per round, warm-up rounds first) so that noise from other work
 * on the machine falls on all of them alike. Stops after `iterations` rounds or `maxMs`.
 */
export async function measureRounds(scenarios: Scenario[], options: RunOptions & { cpu?: () => number }): Promise<Map<string, Stats>> {
  for (let i = 0; i < options.warmup; i++) for (const s of scenarios) await s.run();
  const samples = new Map<string, number[]>(scenarios.map((s) => [s.label, []]));
  const cpu = new Map<string, number>(scenarios.map((s) => [s.label, 0]));
  const deadline = performance.now() + options.maxMs;
  for (let i = 0; i < options.iterations && (i === 0 || performance.now() < deadline); i++) {
    for (const s of scenarios) {
      const c0 = options.cpu?.() ?? 0;
      const t0 = performance.now();
      await s.run();
      samples.get(s.label)!.push(performance.now() - t0);
      cpu.set(s.label, cpu.get(s.label)! + (options.cpu?.() ?? 0) - c0);
    }
  }
  return new Map(
    [...samples].map(([label, list]) => [label, { ...stats(list), ...(options.cpu ? { cpu: cpu.get(label)! / list.length } : {}) }]),
  );
}

/**
 * CPU time used so far by a process (user + system, all threads) in ms, from /proc/<pid>/stat (Linux, in clock
 * ticks of 10 ms: exact enough as a mean over many requests). Unlike wall time it hardly moves when other work
 * competes for the machine's cores.
 */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resident and peak memory of a process, in MiB, from /proc (Linux). */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return null;
  const status = readFileSync(file, "utf8");
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `server.ts` in production mode as ONE node process (node --import tsx, what `npm start` runs through the
 * tsx wrapper), so its pid is the server's and its memory can be read. `nodeArgs` go before the script (--cpu-prof).
 */
export async function startServer(cwd: string, port: number, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server.ts"], {
    cwd,
    env: { ...env, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (code ${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not answer /healthz within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, baseUrl, log: () => output, stop };
}

/** A browser-like client: one session cookie, the site's Origin on POSTs, keep-alive connections (undici). */
export class Client {
  private cookie = "";
  constructor(readonly baseUrl: string) {}

  async login(email: string, password: string) {
    const res = await fetch(`${this.baseUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: this.baseUrl },
      body: new URLSearchParams({ email, password, redirectTo: "" }),
    });
    await res.arrayBuffer();
    const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
    if (res.status < 300 || res.status >= 400 || cookies.length === 0) throw new Error(`login failed: HTTP ${res.status}`);
    this.cookie = cookies.join("; ");
  }

  /** GET and read the whole body; a non-200 answer throws. With an API key, as the JSON API's clients call it. */
  async get(path: string, apiKey?: string): Promise<string> {
    const headers: Record<string, string> = apiKey ? { Authorization: `Bearer ${apiKey}` } : { Cookie: this.cookie };
    const res = await fetch(`${this.baseUrl}${path}`, { headers, redirect: "manual" });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${body.slice(0, 200)}`);
    return body;
  }
}

export const ms = (value: number) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value.toFixed(1)) : "-");
