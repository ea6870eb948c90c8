// Runs the production web server (server.ts) and the job worker (workers/index.ts) together, as `npm run demo`
// does last (scripts/demo.sh). Each runs in its own Node process with tsx's loader; their output lines are
// prefixed with [web] / [worker]. SIGINT/SIGTERM (SIGHUP as SIGTERM) are forwarded to both, and this process
// exits once both have exited. If one of them stops on its own, the other is stopped and this process exits
// with the failed one's code.
import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";

type Name = "web" | "worker";

interface Service {
  name: Name;
  child: ChildProcess;
  running: boolean;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT || "3000";
const FORCE_KILL_AFTER_MS = 20_000;
const REPEAT_SIGNAL_GRACE_MS = 2_000;

// Production requires these settings (app/utils/env.server.ts); this script runs the app on this machine, so the
// local development defaults apply unless they are set.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  DATABASE_URL: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/clientela",
  APP_DATABASE_URL: process.env.APP_DATABASE_URL || "postgresql://clientela_app@127.0.0.1:5432/clientela",
  REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379",
};

const services: Service[] = [];
let stopping = false;
let exitCode = 0;
let firstSignalAt: number | undefined;
let forceKillTimer: NodeJS.Timeout | undefined;

function log(message: string): void {
  process.stdout.write(`[start-all] ${message}\n`);
}

function pipeLines(input: Readable | null, output: NodeJS.WriteStream, prefix: string): void {
  if (!input) return;
  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on("line", (line) => {
    output.write(`${prefix}${line}\n`);
  });
}

function signalExitCode(signal: NodeJS.Signals | null): number {
  if (!signal) return 1;
  return 128 + (constants.signals[signal] ?? 0);
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `by signal ${signal}` : `with code ${code ?? "unknown"}`;
}

function send(service: Service, signal: NodeJS.Signals): void {
  if (!service.running) return;
  try {
    service.child.kill(signal);
  } catch {
    // The process is already gone: its "close" event follows.
  }
}

function stopAll(signal: NodeJS.Signals): void {
  stopping = true;
  for (const service of services) send(service, signal);
  forceKillTimer ??= setTimeout(() => {
    const left = services.filter((service) => service.running);
    if (left.length === 0) return;
    log(`${left.map((service) => service.name).join(" and ")} did not stop within ${FORCE_KILL_AFTER_MS / 1000} s: killing`);
    for (const service of left) send(service, "SIGKILL");
  }, FORCE_KILL_AFTER_MS);
}

function finishIfDone(): void {
  if (services.some((service) => service.running)) return;
  if (forceKillTimer) clearTimeout(forceKillTimer);
  process.exit(exitCode);
}

function onExit(service: Service, code: number | null, signal: NodeJS.Signals | null): void {
  if (!service.running) return;
  service.running = false;
  if (!stopping) {
    // A service stopping on its own is a failure, even with code 0.
    exitCode = code ?? signalExitCode(signal);
    if (exitCode === 0) exitCode = 1;
    const others = services.filter((other) => other !== service && other.running);
    log(
      `${service.name} exited unexpectedly ${describeExit(code, signal)}` +
        (others.length > 0 ? `: stopping the ${others.map((other) => other.name).join(" and ")}` : ""),
    );
    stopAll("SIGTERM");
  } else {
    log(`${service.name} stopped ${describeExit(code, signal)}`);
    // During a requested shutdown, dying from the forwarded signal is a clean stop; an error code or having to
    // be killed is not.
    if (exitCode === 0 && code !== null && code !== 0) exitCode = code;
    if (exitCode === 0 && signal === "SIGKILL") exitCode = signalExitCode(signal);
  }
  finishIfDone();
}

function start(name: Name, file: string): Service {
  const child = spawn(process.execPath, ["--import", "tsx", file], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    // Same process group: whoever stops the group (a terminal's Ctrl+C, a test runner's group kill, even with
    // SIGKILL) stops the children too. Both handle a repeated SIGINT/SIGTERM as one.
    detached: false,
  });
  const service: Service = { name, child, running: true };
  const prefix = `[${name}] `;
  pipeLines(child.stdout, process.stdout, prefix);
  pipeLines(child.stderr, process.stderr, prefix);
  child.on("error", (error) => {
    log(`${name} could not be started: ${error.message}`);
    onExit(service, 1, null);
  });
  child.on("close", (code, signal) => onExit(service, code, signal));
  return service;
}

async function isHealthy(): Promise<boolean> {
  for (const host of ["127.0.0.1", "[::1]"]) {
    try {
      const response = await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status === 200) return true;
    } catch {
      // Not listening yet (or not on this address).
    }
  }
  return false;
}

async function announceWhenReady(web: Service): Promise<void> {
  const startedAt = Date.now();
  let warned = false;
  while (!stopping && web.running) {
    if (await isHealthy()) {
      if (!stopping) {
        process.stdout.write(`Clientela is running at http://localhost:${port}\n`);
        if (process.env.CLIENTELA_READY_NOTE) process.stdout.write(`${process.env.CLIENTELA_READY_NOTE}\n`);
      }
      return;
    }
    if (!warned && Date.now() - startedAt > 60_000) {
      warned = true;
      log(`still waiting for http://localhost:${port}/healthz to answer 200`);
    }
    await delay(500);
  }
}

function onSignal(received: NodeJS.Signals, forward: NodeJS.Signals): void {
  const now = Date.now();
  if (firstSignalAt === undefined) {
    firstSignalAt = now;
    log(`${received} received: stopping the web server and the worker`);
    stopAll(forward);
    return;
  }
  // The same interrupt often arrives more than once (npx and tsx relay it too): only a later one forces.
  if (now - firstSignalAt > REPEAT_SIGNAL_GRACE_MS) {
    log(`${received} received again: killing`);
    for (const service of services) send(service, "SIGKILL");
  }
}

process.on("SIGINT", () => onSignal("SIGINT", "SIGINT"));
process.on("SIGTERM", () => onSignal("SIGTERM", "SIGTERM"));
process.on("SIGHUP", () => onSignal("SIGHUP", "SIGTERM"));
process.on("exit", () => {
  for (const service of services) send(service, "SIGTERM");
});

const web = start("web", "server.ts");
services.push(web);
services.push(start("worker", path.join("workers", "index.ts")));

announceWhenReady(web).catch((error: unknown) => {
  log(`could not check http://localhost:${port}/healthz: ${error instanceof Error ? error.message : String(error)}`);
});
