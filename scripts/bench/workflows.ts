/**
 * `npm run bench:workflows`: 10,000 customers enter a segment whose workflow sets a discount tier, sends an email
 * (real SMTP server) and calls a signed webhook (real HTTP receiver), all on 127.0.0.1. Timed from the segment
 * change to the last run completed, with the worker as `npm start` runs it (its own process, default lanes).
 * Target ≤ 60 s. Options: --customers N (default 10,000); BENCH_WORKER_NODE_ARGS passes node flags to the worker.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { countRepeats, startSmtpReceiver, startWebhookReceiver } from "../../tests/support/receivers";
import { benchDatabase } from "./bench-database";
import type { Figure } from "./figures";

const { values: args } = parseArgs({ options: { customers: { type: "string", default: "10000" } } });
const CUSTOMERS = Number(args.customers);
const TARGET_S = 60;
const SECRET = "bench-signing-secret-0123456789";
const log = (line: string) => process.stderr.write(`${line}\n`);
const BENCH_NOW = new Date("2026-11-01T12:00:00Z");

const database = await benchDatabase("crm_bench_workflows");
process.env.DATABASE_URL = database.url;
const { pgPool, closePgPool } = await import("../../lib/db/pg-pool");
const { db } = await import("../../lib/db/client");
const { buildShop } = await import("../../prisma/factories/shop");
const { persistShop } = await import("../../prisma/factories/persist-shop");
const { createCustomSegment } = await import("../../lib/db/segments");
const { createWorkflow } = await import("../../lib/db/workflows");
const { refreshOneSegment } = await import("../../lib/services/segment-refresh");

log(`Loading ${CUSTOMERS.toLocaleString("en")} customers…`);
await persistShop(buildShop({ customers: CUSTOMERS, now: BENCH_NOW, withDetails: false }), { now: BENCH_NOW, batchSize: 25_000 });
await pgPool().query(`UPDATE "Customer" SET "email" = COALESCE("email", "id"::text || '@example.test'), "marketingConsent" = true`);
const manager = await db.user.findFirstOrThrow({ where: { role: "MANAGER" }, select: { id: true } });

const smtp = await startSmtpReceiver();
const hooks = await startWebhookReceiver({ secret: SECRET });
const segment = await createCustomSegment({ name: "Benchmark", description: null, rule: { match: "all", conditions: [{ field: "tag", op: "has", value: "bench" }] } }, manager.id);
const { id: workflowId } = await createWorkflow(
  {
    name: "Benchmark welcome",
    segmentId: segment.id,
    trigger: "ENTER",
    stopWhenLeft: true,
    maxRunsPerHour: null,
    steps: [
      { type: "discountTier", tier: "gold" },
      { type: "email", subject: "Welcome, {{customer.firstName}}", body: "Your tier is {{discountTier}}; you are worth {{clv.total}} to us.\n\n{{unsubscribeUrl}}" },
      { type: "webhook", url: hooks.url, timeoutSeconds: 10 },
    ],
    newSecrets: { 2: SECRET },
  },
  manager.id,
);

function startWorker(): Promise<ChildProcess> {
  // BENCH_WORKER_NODE_ARGS="--cpu-prof" profiles the worker.
  const nodeArgs = process.env.BENCH_WORKER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, SMTP_URL: smtp.url, SMTP_FROM: "CRM <crm@shop.test>", NEXTAUTH_URL: "http://crm.test", NEXTAUTH_SECRET: "bench-secret-0123456789abcdef" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Waiting for jobs.")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`The worker exited (${code}):\n${output}`)));
  });
}

const worker = await startWorker();
const completed = async () => Number((await pgPool().query<{ n: string }>(`SELECT count(*) AS n FROM "WorkflowRun" WHERE "workflowId" = $1 AND "status" = 'COMPLETED'`, [workflowId])).rows[0]!.n);

log("Tagging everyone and refreshing the segment; the worker takes it from there…");
const started = performance.now();
await pgPool().query(`UPDATE "Customer" SET "tags" = array_append("tags", 'bench')`);
const refreshed = await refreshOneSegment(segment.id, { now: BENCH_NOW });
const segmentSeconds = (performance.now() - started) / 1000;
let firstRunSeconds: number | null = null;
let lastLogged = 0;
for (;;) {
  const done = await completed();
  if (done > 0 && firstRunSeconds === null) firstRunSeconds = (performance.now() - started) / 1000;
  if (done >= CUSTOMERS) break;
  if (performance.now() - lastLogged > 5_000) {
    log(`  ${done.toLocaleString("en")} runs completed after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    lastLogged = performance.now();
  }
  if ((performance.now() - started) / 1000 > TARGET_S * 5) throw new Error("Gave up after five times the target.");
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const totalSeconds = (performance.now() - started) / 1000;
worker.kill("SIGTERM");
await new Promise((resolve) => worker.once("exit", resolve));

const emails = countRepeats(smtp.received.map((email) => email.messageId));
const webhooks = countRepeats(hooks.received.map((call) => call.id));
const gold = Number((await pgPool().query<{ n: string }>(`SELECT count(*) AS n FROM "Customer" WHERE "discountTier" = 'gold'`)).rows[0]!.n);
log(
  `${refreshed.entered} entered; all runs completed in ${totalSeconds.toFixed(1)} s (segment refresh ${segmentSeconds.toFixed(2)} s, first run done after ${firstRunSeconds?.toFixed(2)} s); ` +
    `${smtp.received.length} emails (${emails.distinct} distinct), ${hooks.received.length} webhooks (${webhooks.distinct} distinct, ${hooks.received.filter((call) => call.signatureValid).length} valid signatures), ${gold} gold tiers`,
);
const correct = refreshed.entered === CUSTOMERS && emails.distinct === CUSTOMERS && webhooks.distinct === CUSTOMERS && gold === CUSTOMERS && smtp.received.length === CUSTOMERS && hooks.received.length === CUSTOMERS;
if (!correct) log("✗ Not every run did its steps exactly once.");

const figures: Figure[] = [
  { name: `workflows: ${CUSTOMERS.toLocaleString("en")} enrolments end to end (tier, email, webhook)`, value: Number(totalSeconds.toFixed(1)), unit: "s", target: `≤ ${TARGET_S}`, meetsTarget: totalSeconds <= TARGET_S && correct },
  { name: "workflows: runs completed per second", value: Math.round(CUSTOMERS / totalSeconds), unit: "runs/s" },
  { name: "workflows: segment change written (events for the engine)", value: Number(segmentSeconds.toFixed(2)), unit: "s" },
];
console.log(JSON.stringify({ benchmark: "workflows", figures }));
await Promise.all([smtp.close(), hooks.close()]);
await db.$disconnect();
await closePgPool();
await database.stop();
process.exit(figures[0]!.meetsTarget ? 0 : 1);
