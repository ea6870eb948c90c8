// Profiles the production server's CPU while it answers one URL, for finding where a request's time goes:
//   npx tsx bench/profile-server.ts [path=/m/big/customers.data?q=kova8] [requests=400]
// Needs `npm run build` and the `big` shop (`npm run seed:big`). Writes a .cpuprofile into var/profiles/ (open it in
// Chrome DevTools or VS Code) and prints the mean latency, which the profiler itself inflates.
import path from "node:path";
import { env } from "~/utils/env.server";
import { BENCH_PASSWORD, Client, freePort, startServer } from "./lib";

const target = process.argv[2] ?? "/m/big/customers.data?q=kova8";
const requests = Number(process.argv[3] ?? 400);
const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, "var/profiles");
const server = await startServer(
  root,
  await freePort(),
  { ...process.env, DATABASE_URL: env.DATABASE_URL, APP_DATABASE_URL: env.APP_DATABASE_URL, REDIS_URL: env.REDIS_URL },
  ["--cpu-prof", `--cpu-prof-dir=${dir}`],
);
try {
  const client = new Client(server.baseUrl);
  await client.login("big@clientela.local", BENCH_PASSWORD);
  for (let i = 0; i < 50; i++) await client.get(target);
  const started = performance.now();
  for (let i = 0; i < requests; i++) await client.get(target);
  console.log(`${target}: ${requests} requests, mean ${((performance.now() - started) / requests).toFixed(2)} ms (profiled); profile in ${dir}`);
} finally {
  // The profile is written when the server exits on SIGTERM.
  await server.stop();
}
