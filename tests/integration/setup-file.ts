/**
 * Gives each integration test file its own database, cloned from the migrated template, and points
 * DATABASE_URL at it before any test code imports the data layer. Dropped when the file is done.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { adminDatabaseUrl, databaseUrl, TEMPLATE_DATABASE } from "./database-urls";

const name = `crm_test_${process.pid}_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
await admin.end();
process.env.DATABASE_URL = databaseUrl(name);

afterAll(async () => {
  const { db } = await import("@/lib/db/client");
  const { closePgPool } = await import("@/lib/db/pg-pool");
  await db.$disconnect();
  await closePgPool();
  const cleaner = new pg.Client({ connectionString: adminDatabaseUrl() });
  await cleaner.connect();
  await cleaner.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await cleaner.end();
});
