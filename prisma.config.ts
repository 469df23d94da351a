/**
 * Prisma CLI configuration: the wasm schema engine talking to PostgreSQL through the pg driver adapter, because
 * Prisma's native engines cannot be downloaded here (docs/decisions/0001-prisma-6-with-driver-adapter.md).
 */
import path from "node:path";
import "dotenv/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { createMigrationAdapter } from "./scripts/db/migration-adapter";

// Set before Prisma looks for native engines: a stub that fails loudly if anything ever runs it.
const engineStub = path.join(import.meta.dirname, "scripts/db/prisma-engine-stub.sh");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= engineStub;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= engineStub;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run Prisma through npm scripts, or set it in .env");
    return createMigrationAdapter(url, (config) => new PrismaPg(config));
  },
});
