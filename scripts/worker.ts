/**
 * The background worker (CLV recomputes, the nightly schedule). `npm start` runs it beside the web server;
 * in production run `npx tsx scripts/worker.ts` with the same environment as the app. Stops cleanly on SIGTERM.
 */
import "dotenv/config";
import { closePgPool } from "@/lib/db/pg-pool";
import { stopJobQueue } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";

let isStopping = false;
async function stop() {
  if (isStopping) return;
  isStopping = true;
  await stopJobQueue();
  await closePgPool();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop());

startWorker({ nightlyCron: process.env.CRM_NIGHTLY_CRON, timeZone: process.env.CRM_TIME_ZONE }).catch((error) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
