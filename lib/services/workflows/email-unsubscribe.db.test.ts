/**
 * Every workflow email carries a working unsubscribe link, in the body and in the List-Unsubscribe header; a
 * worker that cannot make one (no app address or secret) fails the email step instead of sending a broken email.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { createWorkflow } from "@/lib/db/workflows";
import { jobQueue, stopJobQueue } from "@/lib/jobs/queue";
import { DEMO_USERS } from "@/prisma/factories/users";
import { startSmtpReceiver } from "@/tests/support/receivers";
import { seedShop } from "@/tests/support/seed-shop";
import { unsubscribe, verifiedCustomerId } from "../unsubscribe";
import { createEmailTransport, type EmailTransport } from "./email-transport";
import { processStepJob, type StepContext } from "./run-steps";
import { createWorkflowQueue, WORKFLOW_STEP_QUEUE, type StepJob } from "./step-jobs";
import { startManualRuns } from "./workflow-changes";

const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
const LINK_SECRET = "unsubscribe-link-secret-0123456789";
const APP_URL = "http://crm.test:3000";
const BODY = "Hello {{customer.firstName}}.\n\nNo more mail: {{unsubscribeUrl}}";

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let smtpTransport: EmailTransport;
let boss: StepContext["boss"];
let customerIds: string[];

beforeAll(async () => {
  await seedShop(12);
  const customers = await db.customer.findMany({ take: 6, orderBy: { id: "asc" }, select: { id: true } });
  customerIds = customers.map((customer) => customer.id);
  await db.customer.updateMany({ where: { id: { in: customerIds } }, data: { marketingConsent: true } });
  for (const id of customerIds) await db.customer.update({ where: { id }, data: { email: `${id}@example.test` } });
  smtp = await startSmtpReceiver();
  smtpTransport = createEmailTransport(smtp.url, "CRM <crm@shop.test>");
  boss = await jobQueue();
  await createWorkflowQueue(boss);
});

afterAll(async () => {
  smtpTransport.close();
  await smtp.close();
  await stopJobQueue();
});

function contextWith(overrides: Partial<StepContext>): StepContext {
  return {
    boss,
    pool: pgPool(),
    transport: smtpTransport,
    from: "CRM <crm@shop.test>",
    appUrl: APP_URL,
    linkSecret: LINK_SECRET,
    currency: async () => "EUR",
    webhookAllowlist: async () => [],
    now: () => new Date(),
    ...overrides,
  };
}

/** Runs an email workflow for one customer through the step jobs, as a worker lane would. */
async function runEmailWorkflow(context: StepContext, customerId: string) {
  const { id } = await createWorkflow({ name: `Email ${Math.random()}`, segmentId: (await db.segment.findFirstOrThrow({ select: { id: true } })).id, trigger: "ENTER", stopWhenLeft: false, maxRunsPerHour: null, steps: [{ type: "email", subject: "Hello", body: BODY }] }, manager.id);
  await startManualRuns(id, [customerId], manager.id);
  for (let jobs = await boss.fetch<StepJob>(WORKFLOW_STEP_QUEUE, { batchSize: 10 }); jobs.length > 0; jobs = await boss.fetch<StepJob>(WORKFLOW_STEP_QUEUE, { batchSize: 10 })) {
    for (const job of jobs) {
      await processStepJob(context, job.data);
      await boss.complete(WORKFLOW_STEP_QUEUE, job.id);
    }
  }
  return db.workflowRun.findFirstOrThrow({ where: { workflowId: id }, include: { steps: true } });
}

/** The header as a mail client reads it: folded lines joined. */
function headerValue(raw: string, name: string): string | null {
  const head = (raw.split(/\r?\n\r?\n/)[0] ?? "").replace(/\r?\n[ \t]+/g, " ");
  return new RegExp(`^${name}:[ \\t]*(.+)$`, "im").exec(head)?.[1]?.trim() ?? null;
}

const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe("unsubscribe links in workflow emails", () => {
  it("puts the same working link in the List-Unsubscribe header and the body", async () => {
    const customerId = customerIds[0]!;
    const run = await runEmailWorkflow(contextWith({}), customerId);
    expect(run.status).toBe("COMPLETED");
    expect(smtp.received).toHaveLength(1);
    const email = smtp.received[0]!;

    const header = headerValue(email.raw, "List-Unsubscribe");
    const link = /^<([^>]+)>/.exec(header ?? "")?.[1];
    expect(link).toMatch(/^http:\/\/crm\.test:3000\/unsubscribe\?c=[\w-]+&t=[\w-]+$/);
    const decodedBody = email.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    expect(decodedBody).toContain(`No more mail: ${link}`);
    expect(decodedBody).not.toContain("{{unsubscribeUrl}}");

    // The token verifies for this customer only, and following the link withdraws consent.
    expect(verifiedCustomerId(queryOf(link!), LINK_SECRET)).toBe(customerId);
    expect(verifiedCustomerId({ ...queryOf(link!), c: customerIds[1] }, LINK_SECRET)).toBeNull();
    expect(await unsubscribe(queryOf(link!), LINK_SECRET, new Date())).toBe("withdrawn");
    expect(await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { marketingConsent: true } })).toEqual({ marketingConsent: false });
  });

  it("writes the link into emails kept in the outbox (no SMTP)", async () => {
    const customerId = customerIds[1]!;
    const run = await runEmailWorkflow(contextWith({ transport: createEmailTransport(undefined, "CRM <crm@shop.test>") }), customerId);
    expect(run.status).toBe("COMPLETED");
    const stored = await db.outboxEmail.findFirstOrThrow({ where: { runId: run.id }, select: { bodyText: true, bodyHtml: true, status: true, transport: true } });
    expect(stored).toMatchObject({ status: "SENT", transport: "outbox" });
    const link = /http:\/\/crm\.test:3000\/unsubscribe\?\S+/.exec(stored.bodyText)?.[0];
    expect(verifiedCustomerId(queryOf(link!), LINK_SECRET)).toBe(customerId);
    expect(stored.bodyHtml).toContain(`href="${link!.replace(/&/g, "&amp;")}"`);
  });

  it.each([
    ["the app's address", { appUrl: null }, "NEXTAUTH_URL"],
    ["the secret", { linkSecret: null }, "NEXTAUTH_SECRET"],
  ] as const)("fails the email step, sending nothing, when the worker lacks %s", async (_what, missing, variable) => {
    const received = smtp.received.length;
    const customerId = customerIds[2]!;
    const run = await runEmailWorkflow(contextWith(missing), customerId);
    expect(run).toMatchObject({ status: "FAILED", lastError: expect.stringContaining(variable) });
    expect(run.lastError).toMatch(/^No unsubscribe link can be made/);
    expect(run.steps).toMatchObject([{ type: "email", status: "FAILED", error: run.lastError }]);
    expect(smtp.received).toHaveLength(received);
    expect(await db.outboxEmail.count({ where: { runId: run.id } })).toBe(0);
  });
});
