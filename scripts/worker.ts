/**
 * The background worker (CLV recomputes, the nightly schedule, CSV imports, segment workflows). `npm start` runs it beside the web server;
 * in production run `npx tsx scripts/worker.ts` with the same environment as the app. Stops cleanly on SIGTERM.
 */
import "dotenv/config";
import { closePgPool } from "@/lib/db/pg-pool";
import { stopJobQueue } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { closeEmailTransport } from "@/lib/services/workflows/email-transport";

// Each workflow lane holds a connection while its step runs; the rest is for recomputes, imports and enrolment.
process.env.DATABASE_POOL_SIZE ??= String(Number(process.env.WORKFLOW_CONCURRENCY ?? 16) + 6);

let isStopping = false;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
async function stop() {
  if (isStopping) return;
  isStopping = true;
  await worker?.stop();
  closeEmailTransport();
  await stopJobQueue();
  await closePgPool();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop());

startWorker({ nightlyCron: process.env.CRM_NIGHTLY_CRON, timeZone: process.env.CRM_TIME_ZONE }).then((started) => (worker = started), (error) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
