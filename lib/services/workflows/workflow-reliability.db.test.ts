/**
 * Crash test: 1,000 customers enter a segment whose workflow sends an email (real SMTP) and calls a webhook (real
 * HTTP); the worker process is SIGKILLed part-way and started again. Every run must complete, and every email
 * and every webhook must arrive — each id at least once, repeats only for the steps that were in flight when the
 * worker died (at most one per lane), since a message the receiver accepted just before the kill cannot be known
 * as sent. Receivers drop such repeats by Message-ID / webhook-id, which stay the same on every attempt.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createCustomSegment } from "@/lib/db/segments";
import { applyCustomerBulkChange } from "@/lib/db/customer-bulk";
import { createWorkflow } from "@/lib/db/workflows";
import { DEMO_USERS } from "@/prisma/factories/users";
import { countRepeats, startSmtpReceiver, startWebhookReceiver } from "@/tests/support/receivers";
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

    const emails = countRepeats(smtp.received.map((email) => email.messageId));
    const webhooks = countRepeats(hooks.received.map((call) => call.id));
    const outboxIds = new Set((await db.outboxEmail.findMany({ select: { messageId: true } })).map((email) => email.messageId));
    const deliveryIds = new Set((await db.webhookDelivery.findMany({ select: { id: true } })).map((delivery) => delivery.id));
    console.log(
      `[reliability] killed after ${atKill.emails} emails / ${atKill.webhooks} webhooks / ${atKill.completed} completed runs; ` +
        `received ${smtp.received.length} emails (${emails.distinct} distinct, ${emails.repeated.length} repeated) and ` +
        `${hooks.received.length} webhooks (${webhooks.distinct} distinct, ${webhooks.repeated.length} repeated)`,
    );
    // Nothing lost: every run's email and webhook arrived, and nothing arrived that no run sent.
    expect(emails.distinct).toBe(CUSTOMERS);
    expect(webhooks.distinct).toBe(CUSTOMERS);
    expect(smtp.received.every((email) => outboxIds.has(email.messageId!))).toBe(true);
    expect(hooks.received.every((call) => deliveryIds.has(call.id) && call.signatureValid === true)).toBe(true);
    // Nothing doubled beyond the steps in flight at the kill: at most one per lane, each sent again with its id.
    expect(emails.repeated.length + webhooks.repeated.length).toBeLessThanOrEqual(LANES);
    expect(smtp.received.length - CUSTOMERS).toBe(emails.repeated.length);
    expect(hooks.received.length - CUSTOMERS).toBe(webhooks.repeated.length);
  });
});
