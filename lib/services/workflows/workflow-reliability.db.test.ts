/**
 * Crash test: 1,000 customers enter a segment whose workflow sends an email (real SMTP) and calls a webhook (real
 * HTTP); the worker process is SIGKILLed part-way and started again. What it holds the engine to (0007):
 * - every run completes, and exactly 1,000 distinct Message-IDs and 1,000 distinct webhook-ids arrive, each one a
 *   recorded send: nothing lost, nothing made up;
 * - sends are at-least-once: a message the receiver accepted in the moment between its answer and the commit that
 *   records it is sent again after the restart. Such raw repeats are at most one per lane (a lane has one send in
 *   flight), and each carries the id of a message that arrived before the kill, so the receiver can drop it.
 * The raw counts are printed for the record.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createCustomSegment } from "@/lib/db/segments";
import { applyCustomerBulkChange } from "@/lib/db/customer-bulk";
import { createWorkflow } from "@/lib/db/workflows";
import { DEMO_USERS } from "@/prisma/factories/users";
import { startSmtpReceiver, startWebhookReceiver } from "@/tests/support/receivers";
import { seedShop } from "@/tests/support/seed-shop";
import { refreshOneSegment } from "../segment-refresh";

const CUSTOMERS = 1_000;
const LANES = 8;
const SECRET = "reliability-signing-secret-42";
const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  await seedShop(CUSTOMERS);
  // Everyone reachable, so every run sends an email.
  await db.$executeRaw`UPDATE "Customer" SET "email" = COALESCE("email", "id"::text || '@example.test'), "marketingConsent" = true`;
  smtp = await startSmtpReceiver();
  hooks = await startWebhookReceiver({ secret: SECRET });
});

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
  await Promise.all([smtp.close(), hooks.close()]);
});

function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      SMTP_URL: smtp.url,
      SMTP_FROM: "CRM <crm@shop.test>",
      NEXTAUTH_URL: "http://crm.test",
      NEXTAUTH_SECRET: "reliability-test-secret-0123456789",
      WORKFLOW_CONCURRENCY: String(LANES),
      // A job of a killed worker is handed out again after 5 s (checked every second) instead of minutes.
      WORKFLOW_STEP_EXPIRE_SECONDS: "5",
      JOB_MAINTENANCE_SECONDS: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Waiting for jobs.")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`The worker exited (${code}) before it was ready:\n${output}`)));
  });
}

/**
 * Raw counts of the ids in arrival order: how many arrived, how many distinct, how many were repeats, and how
 * many of those repeats arrived after the kill (index >= `killedAt`) as a copy of an id that arrived before it.
 */
function rawCounts(ids: readonly (string | null)[], killedAt: number) {
  const firstSeenAt = new Map<string, number>();
  let repeats = 0;
  let repeatsOfEarlierIds = 0;
  ids.forEach((id, index) => {
    if (!id) return;
    const first = firstSeenAt.get(id);
    if (first === undefined) return void firstSeenAt.set(id, index);
    repeats += 1;
    if (first < killedAt && index >= killedAt) repeatsOfEarlierIds += 1;
  });
  return { received: ids.length, distinct: firstSeenAt.size, repeats, repeatsOfEarlierIds };
}

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("workflow reliability", () => {
  it("completes 1,000 runs through a SIGKILLed worker: every email and webhook arrives, repeats only where a step was in flight", { timeout: 240_000 }, async () => {
    const segment = await createCustomSegment({ name: "Crash test", description: null, rule: { match: "all", conditions: [{ field: "tag", op: "has", value: "crash-test" }] } }, manager.id);
    const { id: workflowId } = await createWorkflow(
      {
        name: "Crash test welcome",
        segmentId: segment.id,
        trigger: "ENTER",
        stopWhenLeft: true,
        maxRunsPerHour: null,
        steps: [
          { type: "email", subject: "Hello {{customer.firstName}}", body: "Welcome.\n\n{{unsubscribeUrl}}" },
          { type: "webhook", url: hooks.url, timeoutSeconds: 10 },
        ],
        newSecrets: { 1: SECRET },
      },
      manager.id,
    );

    const first = await startWorkerProcess();
    const customers = await db.customer.findMany({ select: { id: true }, take: CUSTOMERS });
    expect(customers).toHaveLength(CUSTOMERS);
    await applyCustomerBulkChange(customers.map((customer) => customer.id), { action: "addTag", tag: "crash-test" }, manager.id);
    expect(await refreshOneSegment(segment.id)).toMatchObject({ entered: CUSTOMERS });

    await waitFor(() => smtp.received.length >= 250, 120_000, "the first 250 emails");
    // At a moment unrelated to any one delivery, so the kill can fall anywhere in a step.
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 300)));
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    // Whatever the killed worker had already handed to the kernel is read by the receivers before the snapshot.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const atKill = { emails: smtp.received.length, webhooks: hooks.received.length, completed: await db.workflowRun.count({ where: { workflowId, status: "COMPLETED" } }) };
    expect(atKill.completed).toBeLessThan(CUSTOMERS);

    const second = await startWorkerProcess();
    await waitFor(async () => (await db.workflowRun.count({ where: { workflowId, status: "COMPLETED" } })) === CUSTOMERS, 180_000, "every run to complete");
    second.kill("SIGTERM");
    await new Promise((resolve) => second.once("exit", resolve));

    const runs = await db.workflowRun.groupBy({ by: ["status"], where: { workflowId }, _count: { _all: true } });
    expect(runs).toEqual([{ status: "COMPLETED", _count: { _all: CUSTOMERS } }]);
    expect(await db.outboxEmail.count({ where: { status: "SENT" } })).toBe(CUSTOMERS);
    expect(await db.webhookDelivery.count({ where: { status: "SENT" } })).toBe(CUSTOMERS);

    const emails = rawCounts(smtp.received.map((email) => email.messageId), atKill.emails);
    const webhooks = rawCounts(hooks.received.map((call) => call.id), atKill.webhooks);
    const outboxIds = new Set((await db.outboxEmail.findMany({ select: { messageId: true } })).map((email) => email.messageId));
    const deliveryIds = new Set((await db.webhookDelivery.findMany({ select: { id: true } })).map((delivery) => delivery.id));
    console.log(
      `[reliability] ${CUSTOMERS} runs, ${LANES} lanes; killed after ${atKill.emails} emails / ${atKill.webhooks} webhooks / ${atKill.completed} completed runs. ` +
        `Emails: received ${emails.received}, distinct ${emails.distinct}, repeats ${emails.repeats}. ` +
        `Webhooks: received ${webhooks.received}, distinct ${webhooks.distinct}, repeats ${webhooks.repeats}.`,
    );
    // Nothing lost: exactly one distinct id per run for each kind, and every id is one the runs recorded.
    expect(emails.distinct).toBe(CUSTOMERS);
    expect(webhooks.distinct).toBe(CUSTOMERS);
    expect(smtp.received.every((email) => outboxIds.has(email.messageId!))).toBe(true);
    expect(hooks.received.every((call) => deliveryIds.has(call.id) && call.signatureValid === true)).toBe(true);
    // At-least-once sends: raw repeats at most one per lane in flight at the kill, each a copy of a message that
    // arrived before the kill (same id), resent after the restart.
    expect(emails.repeats + webhooks.repeats).toBeLessThanOrEqual(LANES);
    expect(emails.repeatsOfEarlierIds).toBe(emails.repeats);
    expect(webhooks.repeatsOfEarlierIds).toBe(webhooks.repeats);
  });
});
