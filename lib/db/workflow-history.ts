/**
 * What the staff screens read about workflows that ran: a workflow's runs (newest first, by status, in keyset
 * pages, with the customer and every step's result), one run, and the email outbox (newest first, in keyset
 * pages, by customer) with one email. Nothing here writes.
 */
import { db } from "./client";
import type { OutboxStatus, Prisma, WorkflowRunStatus } from "./generated/prisma/client";

export type { OutboxStatus, WorkflowRunStatus };

export const RUN_STATUSES = ["SCHEDULED", "RUNNING", "HELD", "COMPLETED", "STOPPED", "FAILED"] as const satisfies readonly WorkflowRunStatus[];

/** Where a page of a newest-first list ends: the last row's time and id (ties on time are broken by id). */
export type HistoryCursor = { createdAt: Date; id: string };

/** "1767225600000.<uuid>" — short enough for a URL, exact to the millisecond the columns store. */
export function encodeHistoryCursor(cursor: HistoryCursor): string {
  return `${cursor.createdAt.getTime()}.${cursor.id}`;
}

export function decodeHistoryCursor(text: string | null | undefined): HistoryCursor | null {
  const match = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(text ?? "");
  if (!match) return null;
  const createdAt = new Date(Number(match[1]));
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2]!.toLowerCase() };
}

/** Rows older than the cursor, in (createdAt desc, id desc) order. */
function olderThan(cursor: HistoryCursor | null | undefined) {
  if (!cursor) return {};
  return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
}

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const satisfies Prisma.WorkflowRunOrderByWithRelationInput[];

const stepResultSelect = {
  stepIndex: true,
  type: true,
  status: true,
  attempts: true,
  error: true,
  output: true,
  startedAt: true,
  finishedAt: true,
} as const satisfies Prisma.WorkflowStepResultSelect;

/** Where a run stands: what every run history shows, whoever's runs it lists. */
export const runProgressSelect = {
  id: true,
  workflowVersion: true,
  source: true,
  status: true,
  nextStep: true,
  nextRunAt: true,
  attempts: true,
  lastError: true,
  stopReason: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const satisfies Prisma.WorkflowRunSelect;

const runSelect = {
  ...runProgressSelect,
  workflowId: true,
  customer: { select: { id: true, name: true, erasedAt: true } },
  steps: { select: stepResultSelect, orderBy: { stepIndex: "asc" } },
} as const satisfies Prisma.WorkflowRunSelect;

export type WorkflowRunRow = Prisma.WorkflowRunGetPayload<{ select: typeof runSelect }>;
export type StepResultRow = WorkflowRunRow["steps"][number];

export type Page<Row> = { rows: Row[]; next: HistoryCursor | null };

function page<Row extends { createdAt: Date; id: string }>(rows: Row[], take: number): Page<Row> {
  const shown = rows.slice(0, take);
  const last = shown.at(-1);
  return { rows: shown, next: rows.length > take && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** A workflow's runs, newest first, optionally of one status, a page at a time after `before`. */
export async function listWorkflowRuns(
  workflowId: string,
  options: { status?: WorkflowRunStatus | null; before?: HistoryCursor | null; take: number },
): Promise<Page<WorkflowRunRow>> {
  const rows = await db.workflowRun.findMany({
    where: { workflowId, ...(options.status ? { status: options.status } : {}), ...olderThan(options.before) },
    orderBy: NEWEST_FIRST,
    take: options.take + 1,
    select: runSelect,
  });
  return page(rows, options.take);
}

/** One run with its step results and its workflow's name, or null. */
export async function getWorkflowRunDetail(runId: string) {
  return db.workflowRun.findUnique({ where: { id: runId }, select: { ...runSelect, workflow: { select: { id: true, name: true, steps: true } } } });
}

/** How many runs of one workflow are in each status (absent statuses are 0). */
export async function countWorkflowRuns(workflowId: string): Promise<Record<WorkflowRunStatus, number>> {
  const rows = await db.workflowRun.groupBy({ by: ["status"], where: { workflowId }, _count: { _all: true } });
  const counts = Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as Record<WorkflowRunStatus, number>;
  for (const row of rows) counts[row.status] = row._count._all;
  return counts;
}

const outboxListSelect = {
  id: true,
  customerId: true,
  runId: true,
  toAddress: true,
  subject: true,
  transport: true,
  status: true,
  attempts: true,
  error: true,
  createdAt: true,
  sentAt: true,
} as const satisfies Prisma.OutboxEmailSelect;

type CustomerRef = { id: string; name: string } | null;

export type OutboxRow = Prisma.OutboxEmailGetPayload<{ select: typeof outboxListSelect }> & { customer: CustomerRef };

/** The outbox has no foreign key to customers (an erased or merged customer keeps its emails): names are looked up. */
async function withCustomers<Row extends { customerId: string | null }>(rows: Row[]): Promise<(Row & { customer: CustomerRef })[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.customerId ? [row.customerId] : [])))];
  const customers = ids.length ? await db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  return rows.map((row) => ({ ...row, customer: (row.customerId && byId.get(row.customerId)) || null }));
}

/** Emails workflows sent or kept, newest first, optionally to one customer, a page at a time after `before`. */
export async function listOutboxEmails(options: { customerId?: string | null; before?: HistoryCursor | null; take: number }): Promise<Page<OutboxRow>> {
  const rows = await db.outboxEmail.findMany({
    where: { ...(options.customerId ? { customerId: options.customerId } : {}), ...olderThan(options.before) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take + 1,
    select: outboxListSelect,
  });
  const shown = page(rows, options.take);
  return { rows: await withCustomers(shown.rows), next: shown.next };
}

/** One email with both bodies, its customer and the workflow run that sent it. */
export async function getOutboxEmail(id: string) {
  const email = await db.outboxEmail.findUnique({ where: { id }, select: { ...outboxListSelect, messageId: true, bodyText: true, bodyHtml: true } });
  if (!email) return null;
  const [withCustomer] = await withCustomers([email]);
  const run = email.runId ? await db.workflowRun.findUnique({ where: { id: email.runId }, select: { id: true, workflow: { select: { id: true, name: true } } } }) : null;
  return { ...withCustomer!, workflow: run?.workflow ?? null };
}
