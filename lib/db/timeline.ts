/**
 * One customer's timeline: orders, refunds, cancellations, notes, tasks and segment entries and exits, newest
 * first, with workflow runs and their steps, in one query so paging is exact whatever mix of events a customer has.
 * New event kinds are added as UNION branches.
 */
import { db } from "./client";

type TimelineRow = {
  kind: string;
  extra: Record<string, unknown> | null;
  at: Date;
  id: string;
  reference: string | null;
  amount_minor: number | null;
  currency: string | null;
  detail: string | null;
  actor: string | null;
};

export type TimelineEvent =
  | { kind: "order_placed"; at: Date; id: string; orderNumber: string; amountMinor: number; currency: string; status: string }
  /**
   * One refund. `source`: "crm" (by `author`), "api", "migration" (from before refunds were kept one by one), or
   * "order-total" (the part of the order's refunded total no refund row explains, written in bulk by `system`).
   */
  | { kind: "order_refunded"; at: Date; id: string; orderNumber: string; amountMinor: number; currency: string; author: string | null; source: string; system: string | null; reason: string | null }
  | { kind: "order_cancelled"; at: Date; id: string; orderNumber: string; amountMinor: number; currency: string; status: string }
  | { kind: "note"; at: Date; id: string; noteKind: string; body: string; author: string | null }
  | { kind: "task_created"; at: Date; id: string; title: string; author: string | null }
  /** `author`: who marked it done (unknown for tasks completed before that was kept). */
  | { kind: "task_completed"; at: Date; id: string; title: string; author: string | null }
  | { kind: "segment_entered" | "segment_exited"; at: Date; id: string; segmentKey: string; segmentName: string; segmentKind: string; reason: Record<string, unknown> }
  | { kind: "workflow_started"; at: Date; id: string; workflowId: string; workflowName: string; source: string }
  | { kind: "workflow_step"; at: Date; id: string; workflowId: string; workflowName: string; stepType: string; status: string; error: string | null }
  | { kind: "workflow_finished"; at: Date; id: string; workflowId: string; workflowName: string; status: string; stopReason: string | null; error: string | null };

export async function listTimeline(customerId: string, limit: number): Promise<{ events: TimelineEvent[]; hasMore: boolean }> {
  const rows = await db.$queryRaw<TimelineRow[]>`
    SELECT kind, at, id, reference, amount_minor, currency, detail, actor, extra FROM (
      SELECT 'order_placed' AS kind, o."placedAt" AS at, o."id"::text AS id, o."externalId" AS reference,
             o."totalMinor" AS amount_minor, o."currency"::text AS currency, o."status"::text AS detail, NULL AS actor,
             NULL::jsonb AS extra
        FROM "Order" o WHERE o."customerId" = ${customerId}::uuid
      UNION ALL
      SELECT 'order_refunded', r."refundedAt", r."id"::text, o."externalId", r."amountMinor", o."currency"::text,
             r."source", u."name", jsonb_build_object('reason', r."reason")
        FROM "OrderRefund" r JOIN "Order" o ON o."id" = r."orderId" LEFT JOIN "User" u ON u."id" = r."actorId"
       WHERE o."customerId" = ${customerId}::uuid
      UNION ALL
      -- Bulk writers (the seed, the CSV import) set only the order's refunded total: what its refund rows do not
      -- explain shows as one refund at the order's refundedAt (the import sets none: then its last change).
      SELECT 'order_refunded', coalesce(o."refundedAt", o."updatedAt"), o."id"::text, o."externalId",
             o."refundedMinor" - coalesce(recorded.total, 0)::int, o."currency"::text, 'order-total', NULL,
             jsonb_build_object('system', o."source")
        FROM "Order" o
        LEFT JOIN LATERAL (SELECT sum(r."amountMinor") AS total FROM "OrderRefund" r WHERE r."orderId" = o."id") recorded ON true
       WHERE o."customerId" = ${customerId}::uuid AND o."refundedMinor" > coalesce(recorded.total, 0)
      UNION ALL
      SELECT 'order_cancelled', o."cancelledAt", o."id"::text, o."externalId", o."totalMinor", o."currency"::text,
             o."status"::text, NULL, NULL
        FROM "Order" o WHERE o."customerId" = ${customerId}::uuid AND o."cancelledAt" IS NOT NULL
      UNION ALL
      SELECT 'note', n."createdAt", n."id"::text, n."kind"::text, NULL, NULL, n."body", u."name", NULL
        FROM "Note" n LEFT JOIN "User" u ON u."id" = n."authorId" WHERE n."customerId" = ${customerId}::uuid
      UNION ALL
      SELECT 'task_created', t."createdAt", t."id"::text, NULL, NULL, NULL, t."title", u."name", NULL
        FROM "Task" t LEFT JOIN "User" u ON u."id" = t."createdById" WHERE t."customerId" = ${customerId}::uuid
      UNION ALL
      SELECT 'task_completed', t."completedAt", t."id"::text, NULL, NULL, NULL, t."title", u."name", NULL
        FROM "Task" t LEFT JOIN "User" u ON u."id" = t."completedById"
       WHERE t."customerId" = ${customerId}::uuid AND t."completedAt" IS NOT NULL
      UNION ALL
      SELECT CASE e."change" WHEN 'ENTER' THEN 'segment_entered' ELSE 'segment_exited' END, e."occurredAt",
             e."id"::text, s."key", NULL, NULL, s."name", s."kind"::text, e."reason"
        FROM "SegmentMembershipEvent" e JOIN "Segment" s ON s."id" = e."segmentId"
       WHERE e."customerId" = ${customerId}::uuid
      UNION ALL
      SELECT 'workflow_started', r."createdAt", r."id"::text, w."name", NULL, NULL, r."source"::text, NULL,
             jsonb_build_object('workflowId', w."id")
        FROM "WorkflowRun" r JOIN "Workflow" w ON w."id" = r."workflowId" WHERE r."customerId" = ${customerId}::uuid
      UNION ALL
      -- Waits are left out: the next step's time says when the wait ended.
      SELECT 'workflow_step', sr."finishedAt", sr."id"::text, w."name", NULL, NULL, sr."type", sr."status"::text,
             jsonb_build_object('workflowId', w."id", 'error', sr."error")
        FROM "WorkflowRun" r JOIN "Workflow" w ON w."id" = r."workflowId"
        JOIN "WorkflowStepResult" sr ON sr."runId" = r."id"
       WHERE r."customerId" = ${customerId}::uuid AND sr."finishedAt" IS NOT NULL AND sr."type" <> 'wait'
      UNION ALL
      SELECT 'workflow_finished', r."finishedAt", r."id"::text, w."name", NULL, NULL, r."status"::text, NULL,
             jsonb_build_object('workflowId', w."id", 'stopReason', r."stopReason", 'error', r."lastError")
        FROM "WorkflowRun" r JOIN "Workflow" w ON w."id" = r."workflowId"
       WHERE r."customerId" = ${customerId}::uuid AND r."finishedAt" IS NOT NULL
    ) AS events
    ORDER BY at DESC, kind, id
    LIMIT ${limit + 1}`;
  return { events: rows.slice(0, limit).map(toEvent), hasMore: rows.length > limit };
}

function toEvent(row: TimelineRow): TimelineEvent {
  const base = { at: row.at, id: row.id };
  switch (row.kind) {
    case "order_refunded":
      return {
        ...base,
        kind: "order_refunded",
        orderNumber: row.reference ?? "",
        amountMinor: row.amount_minor ?? 0,
        currency: row.currency ?? "",
        source: row.detail ?? "",
        system: typeof row.extra?.system === "string" ? row.extra.system : null,
        author: row.actor,
        reason: typeof row.extra?.reason === "string" ? row.extra.reason : null,
      };
    case "order_placed":
    case "order_cancelled":
      return {
        ...base,
        kind: row.kind,
        orderNumber: row.reference ?? "",
        amountMinor: row.amount_minor ?? 0,
        currency: row.currency ?? "",
        status: row.detail ?? "",
      };
    case "note":
      return { ...base, kind: "note", noteKind: row.reference ?? "NOTE", body: row.detail ?? "", author: row.actor };
    case "task_created":
    case "task_completed":
      return { ...base, kind: row.kind, title: row.detail ?? "", author: row.actor };
    case "segment_entered":
    case "segment_exited":
      return { ...base, kind: row.kind, segmentKey: row.reference ?? "", segmentName: row.detail ?? "", segmentKind: row.actor ?? "", reason: row.extra ?? {} };
    case "workflow_started":
      return { ...base, kind: "workflow_started", workflowId: String(row.extra?.workflowId ?? ""), workflowName: row.reference ?? "", source: row.detail ?? "" };
    case "workflow_step":
      return {
        ...base,
        kind: "workflow_step",
        workflowId: String(row.extra?.workflowId ?? ""),
        workflowName: row.reference ?? "",
        stepType: row.detail ?? "",
        status: row.actor ?? "",
        error: typeof row.extra?.error === "string" ? row.extra.error : null,
      };
    case "workflow_finished":
      return {
        ...base,
        kind: "workflow_finished",
        workflowId: String(row.extra?.workflowId ?? ""),
        workflowName: row.reference ?? "",
        status: row.detail ?? "",
        stopReason: typeof row.extra?.stopReason === "string" ? row.extra.stopReason : null,
        error: typeof row.extra?.error === "string" ? row.extra.error : null,
      };
    default:
      throw new Error(`Unknown timeline event kind: ${row.kind}`);
  }
}
