import path from "node:path";
import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./prisma/migration-adapter";

process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/clientela";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  adapter: async () => migrationAdapter(process.env.DATABASE_URL!),
});
