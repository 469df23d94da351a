/**
 * `npm test`: lint, typecheck, unit tests, a schema/migration drift check, integration tests against a real
 * PostgreSQL, and the Playwright suite in Chromium against the production build. Every step runs even when an
 * earlier one failed (so one run shows everything that is wrong); the exit code is non-zero if any failed.
 *
 * The database is a throwaway embedded cluster of its own (.data/postgres-test), never the one `npm start`
 * uses. TEST_DATABASE_ADMIN_URL (a local server where this user may create databases) replaces it.
 *
 * `npm test -- unit|integration|e2e|static` runs only those parts.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { buildIfChanged, migrate } from "./app-setup";
import { findChromium } from "./browser";
import { run, startService, stopService } from "./processes";
import { startEmbeddedPostgres, type RunningPostgres } from "../db/embedded-postgres";
import { profileFor } from "../db/profiles";

const PARTS = ["static", "unit", "integration", "e2e"] as const;
type Part = (typeof PARTS)[number];

// Arguments after "--" go to Playwright (e.g. `test.ts e2e -- e2e/imports.spec.ts`).
const separatorIndex = process.argv.indexOf("--", 2);
const ownArgs = separatorIndex === -1 ? process.argv.slice(2) : process.argv.slice(2, separatorIndex);
const playwrightArgs = separatorIndex === -1 ? [] : process.argv.slice(separatorIndex + 1);
const requested = ownArgs.filter((arg) => !arg.startsWith("-"));
const unknown = requested.filter((arg) => !PARTS.includes(arg as Part));
if (unknown.length) {
  console.error(`Unknown test part: ${unknown.join(", ")}. Choose from ${PARTS.join(", ")}.`);
  process.exit(2);
}
const parts = new Set<Part>(requested.length ? (requested as Part[]) : PARTS);

const log = (line: string) => console.log(`\n[test] ${line}`);
const results: { step: string; ok: boolean; seconds: number }[] = [];

async function step(name: string, action: () => Promise<number | void>): Promise<boolean> {
  log(name);
  const started = Date.now();
  let ok: boolean;
  try {
    const code = await action();
    ok = code === undefined || code === 0;
  } catch (error) {
    console.error(`[test] ${name}: ${error instanceof Error ? error.message : String(error)}`);
    ok = false;
  }
  results.push({ step: name, ok, seconds: (Date.now() - started) / 1000 });
  return ok;
}

const baseEnv = { NEXT_TELEMETRY_DISABLED: "1" };
let database: RunningPostgres | undefined;

async function adminUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_ADMIN_URL) return process.env.TEST_DATABASE_ADMIN_URL;
  database ??= await startEmbeddedPostgres({ ...profileFor("test", process.env.EMBEDDED_PG_TEST_PORT), isThrowaway: true });
  return database.url;
}

async function recreateDatabase(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main() {
  // Fail before anything slow when the e2e suite has no browser to run in.
  const chromium = parts.has("e2e") ? findChromium() : undefined;
  if (parts.has("e2e") && !chromium) {
    console.error(
      "[test] No Chromium found for the end-to-end tests. Install one of:\n" +
        "  - Debian/Ubuntu: sudo apt-get install -y chromium   (used from /usr/bin/chromium)\n" +
        "  - elsewhere, with internet: npx playwright install chromium\n" +
        "or set CHROMIUM_PATH to a Chromium executable.",
    );
    process.exit(1);
  }

  await run("prisma", ["generate"], { quiet: true });

  if (parts.has("static")) {
    await step("Lint (eslint)", () => run("eslint", [".", "--max-warnings=0"]));
    await step("Typecheck (tsc)", () => run("tsc", ["--noEmit"]));
  }
  if (parts.has("unit")) {
    await step("Unit tests (vitest)", () => run("vitest", ["run", "--project", "unit"]));
  }

  if (parts.has("integration") || parts.has("e2e")) {
    const admin = await adminUrl();
    if (parts.has("integration")) {
      await step("Migrations match prisma/schema.prisma", async () => {
        // The migrations are replayed into a shadow database that the migration adapter creates and drops.
        const url = await recreateDatabase(admin, "crm_test_drift");
        return run("prisma", ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"], { env: { DATABASE_URL: url } });
      });
      await step("Integration tests (vitest, PostgreSQL)", () => run("vitest", ["run", "--project", "integration"], { env: { TEST_DATABASE_ADMIN_URL: admin } }));
    }
    if (parts.has("e2e")) {
      const secret = randomBytes(32).toString("base64url");
      const prepared = await step("Prepare the e2e database and the production build", async () => {
        const url = await recreateDatabase(admin, "crm_e2e");
        await migrate(url);
        process.env.DATABASE_URL = url;
        const { seedDemoData } = await import("../../prisma/seed");
        const { closePgPool } = await import("../../lib/db/pg-pool");
        await seedDemoData((line) => console.log(`[test] ${line}`));
        await closePgPool();
        await buildIfChanged({ ...baseEnv, DATABASE_URL: url, NODE_ENV: "production" }, (line) => console.log(`[test] ${line}`));
        process.env.E2E_DATABASE_URL = url;
      });
      if (prepared) {
        // The worker runs the recomputes and workflow steps the journeys start; Playwright starts the web server
        // itself (playwright.config.ts). The worker gets the web server's secret and address, or the unsubscribe
        // links in workflow emails could not be made (the email steps fail) or would not verify.
        const { E2E_BASE_URL } = await import("../../playwright.config");
        const worker = startService("worker", process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
          ...baseEnv,
          DATABASE_URL: process.env.E2E_DATABASE_URL,
          NEXTAUTH_SECRET: secret,
          NEXTAUTH_URL: E2E_BASE_URL,
        });
        try {
          await step("End-to-end tests (Playwright, Chromium)", () =>
            run("playwright", ["test", ...playwrightArgs], { env: { ...baseEnv, E2E_DATABASE_URL: process.env.E2E_DATABASE_URL, NEXTAUTH_SECRET: secret, CHROMIUM_PATH: chromium === "playwright" ? undefined : chromium } }),
          );
        } finally {
          await stopService(worker);
        }
      }
    }
  }
}

let exitCode = 1;
try {
  await main();
  exitCode = results.every((result) => result.ok) ? 0 : 1;
} catch (error) {
  console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await database?.stop();
}

console.log("\n[test] Summary");
for (const result of results) console.log(`  ${result.ok ? "✓" : "✗"} ${result.step} (${result.seconds.toFixed(1)} s)`);
console.log(exitCode === 0 ? "\n[test] All passed." : "\n[test] FAILED.");
process.exit(exitCode);
