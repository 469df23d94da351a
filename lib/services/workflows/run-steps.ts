/**
 * Runs a workflow run's steps, one transaction per step: the run row is locked, the step's effect is written
 * (or, for email and webhooks, recorded and sent), the step result and the run's next state are written, and any
 * later job is queued — all committed together. A job that arrives twice finds the run already moved on and does
 * nothing, so each step's effect happens once per run; steps without a wait between them run in the same job.
 */
import type pg from "pg";
import type PgBoss from "pg-boss";
import { inTransaction } from "@/lib/db/pg-transaction";
import { lockRunForStep, runsStartedWithinHour, updateRun, writeStepResult, type CustomerForStep, type Queryable, type RunForStep, type RunUpdate } from "@/lib/db/workflow-runs";
import { changeCustomerTag, createTaskOnce, leastBusyUserWithRole, recordDeliveryAttempt, recordEmailAttempt, setCustomerDiscountTier, webhookSecret } from "@/lib/db/workflow-step-effects";
import { formatMoney } from "@/lib/domain/money";
import { nameBasedUuid } from "@/lib/domain/workflows/delivery-id";
import { MAX_STEP_ATTEMPTS, retryDelayMilliseconds, waitMilliseconds, WorkflowStepsSchema, type WorkflowStep } from "@/lib/domain/workflows/steps";
import { renderHtml, renderText, type TemplateValues } from "@/lib/domain/workflows/template";
import { workflowMessageId, type EmailTransport } from "./email-transport";
import { insertStepJobs, type StepJob } from "./step-jobs";
import { unsubscribeLinkFor } from "./unsubscribe-link";
import { sendWebhook } from "./webhook-sender";

export type StepContext = {
  boss: PgBoss;
  pool: pg.Pool;
  transport: EmailTransport;
  from: string;
  /** The app's address for links in emails; without it (or the secret) email steps fail: no unsubscribe link. */
  appUrl: string | null;
  linkSecret: string | null;
  currency: () => Promise<string>;
  webhookAllowlist: () => Promise<readonly string[]>;
  now: () => Date;
};

type StepOutcome =
  | { kind: "done"; status: "SUCCEEDED" | "SKIPPED"; output: Record<string, unknown> }
  | { kind: "wait"; until: Date }
  | { kind: "retry"; error: string; output?: Record<string, unknown> }
  | { kind: "fail"; error: string; output?: Record<string, unknown> };

/** Early by more than this, a job is a stray copy of one that is scheduled later (clock skew stays below it). */
const EARLY_JOB_TOLERANCE_MS = 5_000;

/** What a step leaves to do at once: the next step, and whether the step just done sent something out. */
type Continuation = { next: number; sentOut: boolean } | null;

/**
 * Runs the job's step and the steps after it until a wait or the end. Steps that only write to the database share
 * a transaction with the steps after them (a crash undoes them together, and they run again once); an email or a
 * webhook ends its transaction, so that what was sent is recorded the moment it is sent.
 */
export async function processStepJob(context: StepContext, job: StepJob): Promise<void> {
  let step: number | null = job.step;
  // A workflow has at most 20 steps; the bound only guards against a loop if the data were ever inconsistent.
  let budget = 25;
  while (step !== null && budget > 0) {
    step = await inTransaction(context.pool, async (client) => {
      let next: number | null = step;
      while (next !== null && budget-- > 0) {
        const done: Continuation = await stepInTransaction(context, client, job.runId, next);
        if (!done || done.sentOut) return done?.next ?? null;
        next = done.next;
      }
      return null;
    });
  }
}

async function stepInTransaction(context: StepContext, client: Queryable, runId: string, expectedStep: number): Promise<Continuation> {
  const run = await lockRunForStep(client, runId);
  if (!run || run.nextStep !== expectedStep || (run.status !== "SCHEDULED" && run.status !== "RUNNING")) return null;
  const now = context.now();
  if (run.nextRunAt.getTime() > now.getTime() + EARLY_JOB_TOLERANCE_MS) return null;
  if (run.workflowStatus === "ARCHIVED") return finish(client, run.id, now, { status: "STOPPED", stopReason: "workflowArchived" });
  if (run.workflowStatus === "PAUSED") {
    await updateRun(client, run.id, { status: "HELD" });
    return null;
  }
  if (run.steps === null) return finish(client, run.id, now, { status: "FAILED", lastError: `The steps of version ${run.workflowVersion}, which this run started with, are missing.` });
  const parsed = WorkflowStepsSchema.safeParse(run.steps);
  if (!parsed.success) return finish(client, run.id, now, { status: "FAILED", lastError: "The workflow's steps are not valid; edit the workflow." });
  const steps = parsed.data;
  if (run.nextStep >= steps.length) return finish(client, run.id, now, { status: "COMPLETED" });

  const customer = run.customer;
  if (!customer || customer.erasedAt) return finish(client, run.id, now, { status: "STOPPED", stopReason: "customerErased" });
  // Staff took the customer out of the lists: no email, task or webhook for them (the archive also stops runs at once).
  if (customer.archivedAt) return finish(client, run.id, now, { status: "STOPPED", stopReason: "customerArchived" });
  if (run.stopWhenLeft && run.source === "SEGMENT_EVENT" && !run.isTriggerCurrent) {
    return finish(client, run.id, now, { status: "STOPPED", stopReason: (run.triggerChange ?? run.trigger) === "ENTER" ? "leftSegment" : "reenteredSegment" });
  }

  // The first step starts the run (written with the step's own result); the rate limit counts started runs.
  let start: RunUpdate = {};
  if (!run.startedAt) {
    const limitedUntil = await rateLimitedUntil(client, run, now);
    if (limitedUntil) {
      await updateRun(client, run.id, { status: "SCHEDULED", nextRunAt: limitedUntil, lastError: `Waiting: the workflow starts at most ${run.maxRunsPerHour} runs an hour.` });
      await insertStepJobs(context.boss, client, [{ runId: run.id, step: run.nextStep, startAfter: limitedUntil }]);
      return null;
    }
    start = { startedAt: now };
  }

  const stepIndex = run.nextStep;
  const step = steps[stepIndex]!;
  const attempt = run.attempts + 1;
  const outcome = await executeStep(context, client, { run, customer, step, stepIndex, attempt, now });
  const isLast = stepIndex + 1 >= steps.length;

  const result = { runId: run.id, stepIndex, type: step.type, attempts: attempt };
  switch (outcome.kind) {
    case "done":
      if (isLast) {
        await writeStepResult(client, { ...result, status: outcome.status, output: outcome.output, finished: true }, { ...start, status: "COMPLETED", nextStep: stepIndex + 1, attempts: 0, lastError: null, finishedAt: now });
        return null;
      }
      await writeStepResult(client, { ...result, status: outcome.status, output: outcome.output, finished: true }, { ...start, status: "RUNNING", nextStep: stepIndex + 1, nextRunAt: now, attempts: 0, lastError: null });
      return { next: stepIndex + 1, sentOut: step.type === "email" || step.type === "webhook" };
    case "wait":
      await writeStepResult(client, { ...result, status: "SUCCEEDED", output: { until: outcome.until.toISOString() }, finished: true }, { ...start, status: "SCHEDULED", nextStep: stepIndex + 1, nextRunAt: outcome.until, attempts: 0, lastError: null });
      await insertStepJobs(context.boss, client, [{ runId: run.id, step: stepIndex + 1, startAfter: outcome.until }]);
      return null;
    case "retry": {
      if (attempt < MAX_STEP_ATTEMPTS) {
        const retryAt = new Date(now.getTime() + retryDelayMilliseconds(attempt));
        await writeStepResult(client, { ...result, status: "RUNNING", error: outcome.error, output: { ...outcome.output, retryAt: retryAt.toISOString() }, finished: false }, { ...start, status: "SCHEDULED", nextRunAt: retryAt, attempts: attempt, lastError: outcome.error });
        await insertStepJobs(context.boss, client, [{ runId: run.id, step: stepIndex, startAfter: retryAt }]);
        return null;
      }
      await writeStepResult(client, { ...result, status: "FAILED", error: outcome.error, output: outcome.output ?? null, finished: true }, { ...start, status: "FAILED", attempts: attempt, lastError: outcome.error, finishedAt: now });
      return null;
    }
    case "fail":
      await writeStepResult(client, { ...result, status: "FAILED", error: outcome.error, output: outcome.output ?? null, finished: true }, { ...start, status: "FAILED", attempts: attempt, lastError: outcome.error, finishedAt: now });
      return null;
  }
}

async function rateLimitedUntil(client: Queryable, run: RunForStep, now: Date): Promise<Date | null> {
  if (!run.maxRunsPerHour) return null;
  const { count, oldest } = await runsStartedWithinHour(client, run.workflowId, now);
  if (count < run.maxRunsPerHour) return null;
  return new Date((oldest ?? now).getTime() + 3_600_000 + 1_000);
}

async function finish(client: Queryable, runId: string, now: Date, end: RunUpdate & { status: "COMPLETED" | "STOPPED" | "FAILED" }): Promise<null> {
  await updateRun(client, runId, { ...end, finishedAt: now });
  return null;
}

type StepInput = { run: RunForStep; customer: CustomerForStep; step: WorkflowStep; stepIndex: number; attempt: number; now: Date };

async function executeStep(context: StepContext, client: Queryable, input: StepInput): Promise<StepOutcome> {
  const { run, customer, step, stepIndex, now } = input;
  const idempotencyKey = `${run.id}:${stepIndex}`;
  switch (step.type) {
    case "wait":
      return { kind: "wait", until: new Date(now.getTime() + waitMilliseconds(step)) };
    case "tag": {
      const changed = await changeCustomerTag(client, customer.id, step.action, step.tag);
      return { kind: "done", status: "SUCCEEDED", output: { action: step.action, tag: step.tag, changed } };
    }
    case "discountTier": {
      const previous = await setCustomerDiscountTier(client, customer.id, step.tier);
      return { kind: "done", status: "SUCCEEDED", output: { tier: step.tier, previous } };
    }
    case "task": {
      // The owner when there is one; a customer without an owner goes to the least busy manager.
      const assigneeId = step.assignTo === "owner" ? (customer.ownerId ?? (await leastBusyUserWithRole(client, "MANAGER"))) : await leastBusyUserWithRole(client, step.assignTo);
      const dueAt = new Date(now.getTime() + step.dueInDays * 86_400_000);
      const taskId = await createTaskOnce(client, { idempotencyKey, customerId: customer.id, title: step.title, assigneeId, dueAt });
      return { kind: "done", status: "SUCCEEDED", output: { taskId, assigneeId } };
    }
    case "email":
      return sendEmailStep(context, client, { ...input, step, idempotencyKey });
    case "webhook":
      return callWebhookStep(context, client, { ...input, step, idempotencyKey });
  }
}

async function templateValues(context: StepContext, customer: CustomerForStep, unsubscribeUrl: string): Promise<TemplateValues> {
  const currency = await context.currency();
  const money = (minor: string | null) => (minor === null ? "" : formatMoney(Number(minor), currency, "en"));
  return {
    "customer.name": customer.name,
    "customer.firstName": customer.name.split(/\s+/)[0] ?? customer.name,
    "customer.email": customer.email ?? "",
    "clv.total": money(customer.totalClvMinor),
    "clv.predicted": money(customer.predictedValueMinor),
    "clv.historical": money(customer.historicalValueMinor),
    discountTier: customer.discountTier ?? "",
    unsubscribeUrl,
  };
}

async function sendEmailStep(context: StepContext, client: Queryable, input: StepInput & { step: Extract<WorkflowStep, { type: "email" }>; idempotencyKey: string }): Promise<StepOutcome> {
  const { run, customer, step, stepIndex, attempt, idempotencyKey } = input;
  if (!customer.email) return { kind: "done", status: "SKIPPED", output: { reason: "noEmail" } };
  if (!customer.marketingConsent) return { kind: "done", status: "SKIPPED", output: { reason: "noConsent" } };
  const link = unsubscribeLinkFor(context.appUrl, context.linkSecret, customer.id);
  if ("error" in link) return { kind: "fail", error: link.error };
  const values = await templateValues(context, customer, link.url);
  const email = {
    idempotencyKey,
    messageId: workflowMessageId(run.id, stepIndex, context.from),
    customerId: customer.id,
    runId: run.id,
    toAddress: customer.email,
    subject: renderText(step.subject, values),
    bodyText: renderText(step.body, values),
    bodyHtml: renderHtml(step.body, values),
    transport: context.transport.kind,
  };
  const output = { messageId: email.messageId, transport: context.transport.kind };
  try {
    await context.transport.send({ messageId: email.messageId, to: email.toAddress, subject: email.subject, text: email.bodyText, html: email.bodyHtml, unsubscribeUrl: link.url });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A 5xx answer (mailbox unknown, message refused) will not change on retry.
    const code = (error as { responseCode?: unknown }).responseCode;
    const permanent = typeof code === "number" && code >= 500;
    const final = permanent || attempt >= MAX_STEP_ATTEMPTS;
    const outboxId = await recordEmailAttempt(client, { ...email, status: final ? "FAILED" : "QUEUED", error: message });
    return { kind: permanent ? "fail" : "retry", error: message, output: { ...output, outboxId } };
  }
  // Written in the transaction that moves the run on: sent and recorded, or (after a crash) sent again with the same Message-ID.
  const outboxId = await recordEmailAttempt(client, { ...email, status: "SENT", error: null });
  return { kind: "done", status: "SUCCEEDED", output: { ...output, outboxId } };
}

async function callWebhookStep(context: StepContext, client: Queryable, input: StepInput & { step: Extract<WorkflowStep, { type: "webhook" }>; idempotencyKey: string }): Promise<StepOutcome> {
  const { run, customer, step, attempt, now, idempotencyKey } = input;
  const deliveryId = nameBasedUuid(idempotencyKey);
  const payload = {
    type: run.trigger === "ENTER" ? "segment.entered" : "segment.exited",
    occurredAt: new Date(run.createdAt).toISOString(),
    workflow: { id: run.workflowId, name: run.workflowName },
    run: { id: run.id, source: run.source },
    segment: { key: run.segmentKey },
    customer: {
      id: customer.id,
      externalId: customer.externalId,
      name: customer.name,
      email: customer.email,
      discountTier: customer.discountTier,
      tags: customer.tags,
      clv: { historicalMinor: toNumber(customer.historicalValueMinor), predictedMinor: toNumber(customer.predictedValueMinor), totalMinor: toNumber(customer.totalClvMinor), currency: await context.currency() },
    },
  };
  const secret = step.secretId ? await cachedSecret(client, run.workflowId, step.secretId) : null;
  // Never send unsigned what was meant to be signed.
  if (step.secretId && secret === null) return { kind: "fail", error: "The webhook's signing secret is gone; edit the workflow and set a new one." };
  const result = await sendWebhook({ url: step.url, deliveryId, body: JSON.stringify(payload), secret, timeoutSeconds: step.timeoutSeconds, allowlist: await context.webhookAllowlist(), now });
  const output = { deliveryId, url: step.url, responseStatus: result.status };
  const delivery = { id: deliveryId, idempotencyKey, runId: run.id, url: step.url, payload };
  if (result.kind === "delivered") {
    await recordDeliveryAttempt(client, { ...delivery, status: "SENT", responseStatus: result.status, error: null });
    return { kind: "done", status: "SUCCEEDED", output };
  }
  const final = result.kind === "refused" || attempt >= MAX_STEP_ATTEMPTS;
  await recordDeliveryAttempt(client, { ...delivery, status: final ? "FAILED" : "QUEUED", responseStatus: result.status, error: result.error });
  return { kind: result.kind === "refused" ? "fail" : "retry", error: result.error, output };
}

// A secret is never changed in place (a new one gets a new id), so once read it can be kept.
const secrets = new Map<string, string | null>();
async function cachedSecret(client: Queryable, workflowId: string, secretId: string): Promise<string | null> {
  const key = `${workflowId}:${secretId}`;
  if (!secrets.has(key)) secrets.set(key, await webhookSecret(client, workflowId, secretId));
  return secrets.get(key) ?? null;
}

function toNumber(minor: string | null): number | null {
  return minor === null ? null : Number(minor);
}
