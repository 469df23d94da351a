/** Creates and migrates the template database once per `vitest --project integration` run. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { adminDatabaseUrl, databaseUrl, TEMPLATE_DATABASE } from "./database-urls";

async function recreate(name: string) {
  const client = new pg.Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export default async function setup() {
  await recreate(TEMPLATE_DATABASE);
  const prisma = path.resolve(import.meta.dirname, "../../node_modules/.bin/prisma");
  const result = spawnSync(prisma, ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DATABASE) }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`Migrating the test template failed:\n${result.stdout}\n${result.stderr}`);
  return async () => {
    const client = new pg.Client({ connectionString: adminDatabaseUrl() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
    await client.end();
  };
}
