/**
 * The server actions of the run history, the webhook allowlist and running a workflow by hand, against a real
 * database: each authorises on the server (agents and managers are refused what they may not do), a failed run
 * retried by an admin is scheduled again, and a repeated manual run request starts nothing more.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createWorkflow } from "@/lib/db/workflows";
import { stopJobQueue } from "@/lib/jobs/queue";
import { DEMO_USERS } from "@/prisma/factories/users";
import { pageContext } from "@/tests/support/render-server-page";
import { seedShop } from "@/tests/support/seed-shop";
import { formData } from "@/tests/support/form-data";

const { sessionMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
vi.mock("@/lib/auth/session", () => sessionMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { retryRunAction } = await import("./[workflowId]/actions");
const { allowWebhookHostAction, disallowWebhookHostAction } = await import("./webhook-hosts/actions");
const { runWorkflowAction } = await import("./run-actions");

const IDLE = { status: "idle" } as const;
const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
let workflowId: string;
let customerIds: string[];
let failedRunId: string;
let completedRunId: string;

beforeAll(async () => {
  await seedShop(6);
  customerIds = (await db.customer.findMany({ where: { archivedAt: null }, orderBy: { externalId: "asc" }, select: { id: true }, take: 3 })).map((customer) => customer.id);
  const segmentId = (await db.segment.findUniqueOrThrow({ where: { key: "vip" }, select: { id: true } })).id;
  workflowId = (
    await createWorkflow({ name: "Tag them", segmentId, trigger: "ENTER", stopWhenLeft: false, maxRunsPerHour: null, steps: [{ type: "tag", action: "add", tag: "welcomed" }] }, manager.id)
  ).id;
  const run = (status: "FAILED" | "COMPLETED", index: number) =>
    db.workflowRun.create({
      data: { workflowId, workflowVersion: 1, customerId: customerIds[index]!, source: "MANUAL", manualRequestId: `seed-${index}`, status, lastError: status === "FAILED" ? "boom" : null, finishedAt: new Date() },
      select: { id: true },
    });
  failedRunId = (await run("FAILED", 0)).id;
  completedRunId = (await run("COMPLETED", 1)).id;
});

afterAll(async () => {
  await stopJobQueue();
});

describe("who may do what", () => {
  it("refuses agents retrying, changing the allowlist and running workflows", async () => {
    pageContext.role = "AGENT";
    const forbidden = { status: "error", message: "errors.forbidden" };
    expect(await retryRunAction(IDLE, formData({ runId: failedRunId }))).toMatchObject(forbidden);
    expect(await allowWebhookHostAction(IDLE, formData({ host: "metadata" }))).toMatchObject(forbidden);
    expect(await disallowWebhookHostAction(IDLE, formData({ host: "metadata" }))).toMatchObject(forbidden);
    expect(await runWorkflowAction(IDLE, formData({ workflowId, customerIds: [customerIds[2]!], requestId: randomUUID() }))).toMatchObject(forbidden);
    expect(await db.workflowRun.findUniqueOrThrow({ where: { id: failedRunId }, select: { status: true } })).toEqual({ status: "FAILED" });
    expect(await db.webhookAllowedHost.count()).toBe(0);
    expect(await db.workflowRun.count({ where: { workflowId } })).toBe(2);
  });

  it("refuses managers retrying and changing the allowlist", async () => {
    pageContext.role = "MANAGER";
    const forbidden = { status: "error", message: "errors.forbidden" };
    expect(await retryRunAction(IDLE, formData({ runId: failedRunId }))).toMatchObject(forbidden);
    expect(await allowWebhookHostAction(IDLE, formData({ host: "metadata" }))).toMatchObject(forbidden);
    expect(await disallowWebhookHostAction(IDLE, formData({ host: "metadata" }))).toMatchObject(forbidden);
    expect(await db.workflowRun.findUniqueOrThrow({ where: { id: failedRunId }, select: { status: true } })).toEqual({ status: "FAILED" });
  });
});

describe("retrying a run", () => {
  it("schedules a failed run again when an admin retries it", async () => {
    pageContext.role = "ADMIN";
    expect(await retryRunAction(IDLE, formData({ runId: failedRunId }))).toMatchObject({ status: "success" });
    const run = await db.workflowRun.findUniqueOrThrow({ where: { id: failedRunId }, select: { status: true, lastError: true, finishedAt: true } });
    expect(run).toEqual({ status: "SCHEDULED", lastError: null, finishedAt: null });
  });

  it("says clearly when the run is not failed or does not exist", async () => {
    pageContext.role = "ADMIN";
    expect(await retryRunAction(IDLE, formData({ runId: completedRunId }))).toEqual({ status: "error", message: "workflowRuns.retry.notFailed" });
    expect(await retryRunAction(IDLE, formData({ runId: failedRunId }))).toEqual({ status: "error", message: "workflowRuns.retry.notFailed" });
    expect(await retryRunAction(IDLE, formData({ runId: randomUUID() }))).toEqual({ status: "error", message: "errors.notFound" });
    expect(await retryRunAction(IDLE, formData({ runId: "nope" }))).toEqual({ status: "error", message: "errors.notFound" });
  });
});

describe("the webhook allowlist", () => {
  it("stores host names and addresses as the webhook sender compares them, and removes them", async () => {
    pageContext.role = "ADMIN";
    expect(await allowWebhookHostAction(IDLE, formData({ host: " Metadata.Google.Internal. " }))).toMatchObject({ status: "success", id: "metadata.google.internal" });
    expect(await allowWebhookHostAction(IDLE, formData({ host: "169.254.169.254" }))).toMatchObject({ status: "success" });
    expect(await allowWebhookHostAction(IDLE, formData({ host: "[FE80:0:0::1]" }))).toMatchObject({ status: "success", id: "fe80::1" });
    expect((await db.webhookAllowedHost.findMany({ orderBy: { host: "asc" } })).map((row) => row.host)).toEqual(["169.254.169.254", "fe80::1", "metadata.google.internal"]);
    expect(await disallowWebhookHostAction(IDLE, formData({ host: "fe80::1" }))).toMatchObject({ status: "success" });
    expect(await db.webhookAllowedHost.count()).toBe(2);
  });

  it.each(["http://example.com", "example.com/path", "bad host", "1.2.3.999", "", "a..b"])("refuses %j", async (host) => {
    pageContext.role = "ADMIN";
    expect(await allowWebhookHostAction(IDLE, formData({ host }))).toMatchObject({ status: "error", fieldErrors: { host: ["webhookHostInvalid"] } });
  });
});

describe("running a workflow by hand", () => {
  it("starts runs once per request id", async () => {
    pageContext.role = "MANAGER";
    const requestId = randomUUID();
    const fields = { workflowId, customerIds: [customerIds[1]!, customerIds[2]!], requestId };
    const before = await db.workflowRun.count({ where: { workflowId } });
    expect(await runWorkflowAction(IDLE, formData(fields))).toEqual({ status: "success", count: 2 });
    expect(await db.workflowRun.count({ where: { workflowId } })).toBe(before + 2);
    // The same dialog submitted again (a double click, a retried request) starts nothing more.
    expect(await runWorkflowAction(IDLE, formData(fields))).toEqual({ status: "success", count: 0 });
    expect(await db.workflowRun.count({ where: { workflowId } })).toBe(before + 2);
    // A new opening of the dialog is a new request.
    expect(await runWorkflowAction(IDLE, formData({ ...fields, customerIds: [customerIds[1]!], requestId: randomUUID() }))).toEqual({ status: "success", count: 1 });
  });

  it("keeps a run started for a paused workflow as held, and counts it as started", async () => {
    pageContext.role = "MANAGER";
    await db.workflow.update({ where: { id: workflowId }, data: { status: "PAUSED" } });
    try {
      expect(await runWorkflowAction(IDLE, formData({ workflowId, customerIds: [customerIds[2]!], requestId: randomUUID() }))).toEqual({ status: "success", count: 1 });
      const newest = await db.workflowRun.findFirstOrThrow({ where: { workflowId, customerId: customerIds[2]! }, orderBy: { createdAt: "desc" }, select: { status: true } });
      expect(newest.status).toBe("HELD");
    } finally {
      await db.workflow.update({ where: { id: workflowId }, data: { status: "ACTIVE" } });
    }
  });

  it("checks the workflow, the customers and the request id", async () => {
    pageContext.role = "ADMIN";
    const invalid = await runWorkflowAction(IDLE, formData({ workflowId: "x", customerIds: [], requestId: "y" }));
    expect(invalid).toMatchObject({ status: "error", message: "errors.invalidInput" });
    expect(invalid.status === "error" ? Object.keys(invalid.fieldErrors ?? {}).sort() : []).toEqual(["customerIds", "requestId", "workflowId"]);
    const tooMany = Array.from({ length: 1001 }, () => randomUUID());
    expect(await runWorkflowAction(IDLE, formData({ workflowId, customerIds: tooMany, requestId: randomUUID() }))).toMatchObject({ status: "error", fieldErrors: { customerIds: ["customersInvalid"] } });
  });
});
