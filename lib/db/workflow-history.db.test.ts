import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { db } from "./client";
import { createWorkflow } from "./workflows";
import {
  countWorkflowRuns,
  decodeHistoryCursor,
  encodeHistoryCursor,
  getOutboxEmail,
  getWorkflowRunDetail,
  listOutboxEmails,
  listWorkflowRuns,
  type HistoryCursor,
} from "./workflow-history";

const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
let workflowId: string;
let otherWorkflowId: string;
let customers: { id: string; name: string }[];
const base = Date.UTC(2026, 4, 1, 12);
const at = (minute: number) => new Date(base + minute * 60_000);

beforeAll(async () => {
  await seedShop(12);
  customers = await db.customer.findMany({ orderBy: { externalId: "asc" }, select: { id: true, name: true }, take: 6 });
  const segmentId = (await db.segment.findUniqueOrThrow({ where: { key: "vip" }, select: { id: true } })).id;
  const input = { segmentId, trigger: "ENTER" as const, stopWhenLeft: true, maxRunsPerHour: null, steps: [{ type: "tag" as const, action: "add" as const, tag: "welcomed" }, { type: "discountTier" as const, tier: "gold" }] };
  workflowId = (await createWorkflow({ ...input, name: "History" }, manager.id)).id;
  otherWorkflowId = (await createWorkflow({ ...input, name: "Other" }, manager.id)).id;

  // Seven runs: two share a creation time (ties are ordered by id); one is of another workflow.
  const statuses = ["COMPLETED", "FAILED", "COMPLETED", "HELD", "STOPPED", "COMPLETED", "SCHEDULED"] as const;
  for (const [index, status] of statuses.entries()) {
    await db.workflowRun.create({
      data: {
        workflowId,
        workflowVersion: 1,
        customerId: customers[index % customers.length]!.id,
        source: "MANUAL",
        manualRequestId: `request-${index}`,
        status,
        createdAt: at(index === 3 ? 2 : index),
        stopReason: status === "STOPPED" ? "leftSegment" : null,
        lastError: status === "FAILED" ? "Webhook answered 500" : null,
        steps:
          status === "SCHEDULED" || status === "HELD"
            ? undefined
            : {
                create: [
                  { stepIndex: 1, type: "discountTier", status: status === "FAILED" ? "FAILED" : "SUCCEEDED", attempts: status === "FAILED" ? 3 : 1, error: status === "FAILED" ? "boom" : null, output: { tier: "gold" } },
                  { stepIndex: 0, type: "tag", status: "SUCCEEDED", output: { action: "add", tag: "welcomed", changed: true } },
                ],
              },
      },
    });
  }
  await db.workflowRun.create({ data: { workflowId: otherWorkflowId, workflowVersion: 1, customerId: customers[0]!.id, source: "MANUAL", manualRequestId: "other", status: "FAILED", createdAt: at(30) } });

  for (let index = 0; index < 5; index++) {
    await db.outboxEmail.create({
      data: {
        idempotencyKey: `key-${index}`,
        messageId: `<m-${index}@test>`,
        customerId: index === 4 ? null : customers[index % 2]!.id,
        toAddress: `to-${index}@example.com`,
        subject: `Subject ${index}`,
        bodyText: `Hello ${index}`,
        bodyHtml: `<p>Hello ${index}</p>`,
        transport: "outbox",
        status: "SENT",
        attempts: 1,
        createdAt: at(index),
        sentAt: at(index),
      },
    });
  }
});

async function allPages<Row extends { id: string }>(load: (before: HistoryCursor | null) => Promise<{ rows: Row[]; next: HistoryCursor | null }>): Promise<Row[][]> {
  const pages: Row[][] = [];
  let before: HistoryCursor | null = null;
  do {
    const result = await load(before);
    pages.push(result.rows);
    before = result.next;
  } while (before && pages.length < 20);
  return pages;
}

describe("workflow run history", () => {
  it("lists a workflow's runs newest first with the customer and the steps in order, and pages without gaps or repeats", async () => {
    const everything = await listWorkflowRuns(workflowId, { take: 100 });
    expect(everything.next).toBeNull();
    expect(everything.rows).toHaveLength(7);
    const times = everything.rows.map((run) => run.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(everything.rows[0]!.status).toBe("SCHEDULED");
    expect(everything.rows[0]!.customer.name).toBe(customers[0]!.name);
    const failed = everything.rows.find((run) => run.status === "FAILED")!;
    expect(failed.steps.map((step) => [step.stepIndex, step.type, step.status, step.attempts, step.error])).toEqual([
      [0, "tag", "SUCCEEDED", 1, null],
      [1, "discountTier", "FAILED", 3, "boom"],
    ]);
    expect(failed.lastError).toBe("Webhook answered 500");

    const pages = await allPages((before) => listWorkflowRuns(workflowId, { take: 2, before }));
    expect(pages.map((rows) => rows.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat().map((run) => run.id)).toEqual(everything.rows.map((run) => run.id));
  });

  it("filters by status and counts runs per status for one workflow only", async () => {
    const completed = await listWorkflowRuns(workflowId, { status: "COMPLETED", take: 2 });
    expect(completed.rows.map((run) => run.status)).toEqual(["COMPLETED", "COMPLETED"]);
    expect(completed.next).not.toBeNull();
    const rest = await listWorkflowRuns(workflowId, { status: "COMPLETED", take: 2, before: completed.next });
    expect(rest.rows).toHaveLength(1);
    expect(rest.next).toBeNull();

    expect(await countWorkflowRuns(workflowId)).toEqual({ SCHEDULED: 1, RUNNING: 0, HELD: 1, COMPLETED: 3, STOPPED: 1, FAILED: 1 });
    expect((await countWorkflowRuns(otherWorkflowId)).FAILED).toBe(1);
  });

  it("reads one run with its workflow, and null for an unknown one", async () => {
    const [run] = (await listWorkflowRuns(workflowId, { status: "STOPPED", take: 1 })).rows;
    const detail = await getWorkflowRunDetail(run!.id);
    expect(detail).toMatchObject({ id: run!.id, status: "STOPPED", stopReason: "leftSegment", workflow: { id: workflowId, name: "History" } });
    expect(detail!.steps.map((step) => step.stepIndex)).toEqual([0, 1]);
    expect(await getWorkflowRunDetail("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("round-trips cursors and rejects anything else", () => {
    const cursor = { createdAt: at(3), id: "0b6f1a52-5a0e-4f55-9b1e-2f5d1c9a7e10" };
    expect(decodeHistoryCursor(encodeHistoryCursor(cursor))).toEqual(cursor);
    for (const text of [undefined, null, "", "abc", "123", "123.not-a-uuid", "1.0b6f1a52-5a0e-4f55-9b1e-2f5d1c9a7e10; DROP"]) expect(decodeHistoryCursor(text)).toBeNull();
  });
});

describe("email outbox", () => {
  it("lists emails newest first with the customer's name, in pages, and filters by customer", async () => {
    const pages = await allPages((before) => listOutboxEmails({ take: 2, before }));
    expect(pages.map((rows) => rows.length)).toEqual([2, 2, 1]);
    const all = pages.flat();
    expect(all.map((email) => email.subject)).toEqual(["Subject 4", "Subject 3", "Subject 2", "Subject 1", "Subject 0"]);
    expect(all[0]!.customer).toBeNull();
    expect(all[1]!.customer).toEqual(customers[1]);

    const forFirst = await listOutboxEmails({ customerId: customers[0]!.id, take: 10 });
    expect(forFirst.rows.map((email) => email.subject)).toEqual(["Subject 2", "Subject 0"]);
    expect(forFirst.rows.every((email) => email.customer?.id === customers[0]!.id)).toBe(true);
  });

  it("reads one email with both bodies", async () => {
    const [latest] = (await listOutboxEmails({ customerId: customers[1]!.id, take: 1 })).rows;
    const email = await getOutboxEmail(latest!.id);
    expect(email).toMatchObject({ subject: "Subject 3", bodyText: "Hello 3", bodyHtml: "<p>Hello 3</p>", messageId: "<m-3@test>", customer: customers[1], workflow: null });
    expect(await getOutboxEmail("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
