/**
 * The driver adapter the Prisma CLI (wasm schema engine) uses for migrations. It works around three problems of
 * @prisma/adapter-pg 6.19 that ../shared/STACK.md records:
 * - catalog queries return `name` / `name[]` columns the adapter cannot deserialize → relabel them as text;
 * - given a connection string, its "shadow database" silently is the main database → pass separate fields;
 * - it drops the shadow database while its own pool is still connected → create and drop it ourselves;
 * - its executeScript splits a migration on every ";" (even inside comments and function bodies) → send the
 *   whole script in one simple-protocol query, as psql would.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { PrismaPg } from "@prisma/adapter-pg";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type QueryResult = { fields: { dataTypeID: number }[] };
type Queryable = { performIO: (query: unknown) => Promise<QueryResult | QueryResult[]> };

// pg type OIDs: name → text, name[] / int2vector[] → text[].
const RELABELLED_OIDS = new Map([
  [18, 25],
  [19, 25],
  [1002, 1009],
  [1003, 1009],
]);

function relabelCatalogTypes<T>(queryable: T): T {
  const target = queryable as unknown as Queryable;
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    // A multi-statement script (how the engine replays migrations into the shadow database) yields one result
    // per statement: report the last, as the native engine does.
    const results = await performIO(query);
    const result = Array.isArray(results) ? results[results.length - 1]! : results;
    for (const field of result.fields) field.dataTypeID = RELABELLED_OIDS.get(field.dataTypeID) ?? field.dataTypeID;
    return result;
  };
  return queryable;
}

function withFixes(adapter: Adapter): Adapter {
  relabelCatalogTypes(adapter);
  const reportError = (adapter as unknown as { onError: (error: unknown) => never }).onError.bind(adapter);
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      reportError(error);
    }
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => relabelCatalogTypes(await startTransaction(...args));
  return adapter;
}

export function createMigrationAdapter(url: string, makeFactory: (config: pg.PoolConfig) => PrismaPg) {
  const parsed = new URL(url);
  const config: pg.PoolConfig = {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    ssl: parsed.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
    allowExitOnIdle: true,
  };
  const factory = makeFactory(config);
  return {
    provider: "postgres" as const,
    adapterName: factory.adapterName,
    connect: async () => withFixes(await factory.connect()),
    connectToShadowDb: async () => {
      const shadowName = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client(config);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${shadowName}"`);
      await admin.end();
      const shadow = await makeFactory({ ...config, database: shadowName }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        const cleaner = new pg.Client(config);
        await cleaner.connect();
        await cleaner.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
        await cleaner.end();
      };
      return withFixes(shadow);
    },
  };
}
