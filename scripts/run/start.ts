/**
 * `npm start`: the embedded database (unless DATABASE_URL points elsewhere), migrations, demo data the first
 * time, the production build, and the web server on http://127.0.0.1:3000 (PORT and HOST to change) with the
 * background worker beside it.
 * Ctrl-C or SIGTERM stops the server and then the database, cleanly, at any point (also while the database is
 * still starting or the app is being built); the data stays for the next start.
 */
import { DEMO_USERS } from "../../prisma/factories/users";
import { buildIfChanged, databaseFor, migrate, sessionSecret } from "./app-setup";
import { isPortInUse, startService, stopRunningCommands, waitForHttp } from "./processes";
import { StartupResources } from "./startup-resources";

const log = (line: string) => console.log(`[start] ${line}`);
const resources = new StartupResources();
// Only problems, and not the "terminating connection" notices every clean shutdown produces.
const postgresLog = (line: string) => {
  if (!resources.isStopping && /ERROR|FATAL|PANIC/.test(line)) console.error(`[postgres] ${line}`);
};

const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 3000);

/** Every caller waits for the one stop, then exits with its own code (the first to get here decides). */
async function shutdown(code: number): Promise<never> {
  if (!resources.isStopping) log("Stopping…");
  await resources.stop(stopRunningCommands);
  log("Stopped.");
  process.exit(code);
}

/** Once stopping has begun, starting goes no further: shutdown() ends the process. */
function unlessStopping(): Promise<void> {
  return resources.isStopping ? new Promise(() => {}) : Promise.resolve();
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
// If whatever started us disappears without a signal (npm does that on SIGTERM), stop cleanly too.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void shutdown(0);
}, 500).unref();

try {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}".`);
  if (await isPortInUse(port, host)) throw new Error(`Port ${port} is already in use (is the CRM already running?). Stop it, or start with PORT=3001 npm start.`);
  const database = await resources.database(databaseFor("app", postgresLog));
  await unlessStopping();
  log(database.isEmbedded ? "Embedded PostgreSQL is running." : "Using the PostgreSQL at DATABASE_URL.");
  await migrate(database.url);
  log("Database migrations are applied.");

  process.env.DATABASE_URL = database.url;
  const { seedDemoData } = await import("../../prisma/seed");
  const { closePgPool } = await import("../../lib/db/pg-pool");
  if ((await seedDemoData(log)) === "skipped") log("Existing data kept (demo data is only added to an empty database).");
  await closePgPool();

  const env = {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: await sessionSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://${host}:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
  };
  await buildIfChanged(env, log);
  await unlessStopping();

  const web = resources.service(startService("web", "next", ["start", "--hostname", host, "--port", String(port)], env));
  // The background worker: CLV recomputes (nightly and on request) run here, not in the web server.
  const worker = resources.service(startService("worker", process.execPath, ["--import", "tsx", "scripts/worker.ts"], env));
  for (const [name, child] of [["web server", web], ["worker", worker]] as const) {
    child.on("exit", (code) => {
      if (!resources.isStopping) {
        console.error(`[start] The ${name} stopped unexpectedly.`);
        void shutdown(code || 1);
      }
    });
  }
  await waitForHttp(`http://${host}:${port}/login`, 60_000);

  const width = Math.max(...DEMO_USERS.map((user) => user.email.length));
  console.log(
    [
      "",
      "  Worthwise CRM is running.",
      "",
      `  Open  http://${host}:${port}`,
      "",
      "  Demo logins (password for all: demo-password):",
      ...DEMO_USERS.map((user) => `    ${user.email.padEnd(width)}  ${user.role.toLowerCase()}`),
      "",
      "  Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
} catch (error) {
  // A command refused or cut short because we are stopping is not worth reporting.
  if (!resources.isStopping) console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
