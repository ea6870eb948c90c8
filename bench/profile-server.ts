// Profiles the production server's CPU while it answers one URL, for finding where a request's time goes:
//   npx tsx bench/profile-server.ts [path=/m/big/customers.data?q=kova8] [requests=400]
// Needs `npm run build` and the `big` shop (`npm run seed:big`). Writes a .cpuprofile into var/profiles/ (open it in
// Chrome DevTools or VS Code) and prints the mean latency, which the profiler itself inflates.
import { spawn } from "node:child_process";
import path from "node:path";
import { env } from "~/utils/env.server";
import { BENCH_PASSWORD, Client, freePort } from "./lib";

const target = process.argv[2] ?? "/m/big/customers.data?q=kova8";
const requests = Number(process.argv[3] ?? 400);
const dir = path.resolve(import.meta.dirname, "../var/profiles");
const port = await freePort();
const child = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--import", "tsx", "server.ts"], {
  cwd: path.resolve(import.meta.dirname, ".."),
  env: { ...process.env, DATABASE_URL: env.DATABASE_URL, APP_DATABASE_URL: env.APP_DATABASE_URL, REDIS_URL: env.REDIS_URL, NODE_ENV: "production", PORT: String(port) },
  stdio: ["ignore", "ignore", "inherit"],
});
const exited = new Promise((resolve) => child.once("exit", resolve));
try {
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    if (tries > 300) throw new Error("server did not answer /healthz within 60 s");
    const up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const client = new Client(base);
  await client.login("big@clientela.local", BENCH_PASSWORD);
  for (let i = 0; i < 50; i++) await client.get(target);
  const started = performance.now();
  for (let i = 0; i < requests; i++) await client.get(target);
  console.log(`${target}: ${requests} requests, mean ${((performance.now() - started) / requests).toFixed(2)} ms (profiled); profile in ${dir}`);
} finally {
  child.kill("SIGTERM");
  await exited;
}
