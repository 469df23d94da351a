/**
 * `npm run db:serve [app|test|bench]`: run an embedded cluster in the foreground (for `npm run dev`, Prisma
 * Studio or psql) until Ctrl-C. Prints the DATABASE_URL to use.
 */
import { profileFor, type DatabaseProfileName } from "./profiles";
import { startEmbeddedPostgres } from "./embedded-postgres";

const name = (process.argv[2] ?? "app") as DatabaseProfileName;
const profile = profileFor(name, process.env.EMBEDDED_PG_PORT);
const db = await startEmbeddedPostgres({ ...profile, log: (line) => process.stderr.write(`${line}\n`) });
console.log(`PostgreSQL (${name}) ready: DATABASE_URL=${db.url}`);

let isStopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (isStopping) return;
    isStopping = true;
    await db.stop();
    process.exit(0);
  });
}
