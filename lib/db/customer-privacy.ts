/**
 * The rows behind a person's rights over their data (lib/services/customer-privacy.ts): reading everything held
 * about a customer for the export, and erasing it in one transaction. Erasure anonymises the customer row (their
 * orders stay as anonymous revenue), deletes or blanks free text that may quote them, keeps their external ids
 * only as hashes, and follows merges to the audit entries filed under merged-away ids.
 */
import { AppError } from "@/lib/errors";
import { listAuditedEmails, listCustomerHistoryIds, scrubCustomerAuditEntries, writeAuditEntry } from "./audit-log";
import { db } from "./client";
import { hashExternalId } from "./customer-identity";
import { findRejectsMentioning, scrubRejects } from "./imports";

export const ERASED_NAME = "Erased customer";

/** The customer with their owner, orders (lines, refunds), notes, tasks, value, current segments and other ids. */
export function getCustomerForExport(customerId: string) {
  return db.customer.findUnique({
    where: { id: customerId },
    include: {
      owner: { select: { name: true, email: true } },
      orders: { orderBy: { placedAt: "asc" }, include: {
          lines: { select: { sku: true, name: true, quantity: true, unitPriceMinor: true } },
          refunds: { orderBy: { refundedAt: "asc" }, select: { amountMinor: true, refundedAt: true, source: true, reason: true } },
        },
      },
      notes: { orderBy: { createdAt: "asc" }, select: { kind: true, body: true, createdAt: true, author: { select: { name: true } } } },
      tasks: { orderBy: { createdAt: "asc" }, select: { title: true, status: true, dueAt: true, completedAt: true, createdAt: true, assignee: { select: { name: true } } } },
      metrics: true,
      memberships: { select: { enteredAt: true, segment: { select: { key: true, name: true } } } },
      aliases: { select: { externalId: true, createdAt: true } },
    },
  });
}

/** Every segment entry and exit of the customer, in the order they happened. */
export function listSegmentHistoryForExport(customerId: string) {
  return db.$queryRaw<{ change: string; occurredAt: Date; reason: unknown; segmentKey: string; segmentName: string }[]>`
      SELECT e."change"::text AS change, e."occurredAt" AS "occurredAt", e."reason", s."key" AS "segmentKey", s."name" AS "segmentName"
      FROM "SegmentMembershipEvent" e JOIN "Segment" s ON s."id" = e."segmentId"
      WHERE e."customerId" = ${customerId}::uuid ORDER BY e."id"`;
}

/** The customer's workflow runs with their steps, oldest first. */
export function listWorkflowRunsForExport(customerId: string) {
  return db.workflowRun.findMany({
    where: { customerId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true, workflow: { select: { name: true } }, source: true, status: true, stopReason: true, lastError: true, createdAt: true, finishedAt: true,
      steps: { orderBy: { stepIndex: "asc" }, select: { stepIndex: true, type: true, status: true, attempts: true, error: true, startedAt: true, finishedAt: true } },
    },
  });
}

/** The emails written to the customer, oldest first. */
export function listEmailsForExport(customerId: string) {
  return db.outboxEmail.findMany({ where: { customerId }, orderBy: { createdAt: "asc" }, select: { toAddress: true, subject: true, bodyText: true, status: true, createdAt: true, sentAt: true } });
}

/** The webhook calls these workflow runs made, oldest first. */
export function listWebhookDeliveriesForExport(runIds: readonly string[]) {
  return db.webhookDelivery.findMany({
    where: { runId: { in: [...runIds] } },
    orderBy: { createdAt: "asc" },
    select: { runId: true, url: true, payload: true, status: true, createdAt: true, deliveredAt: true },
  });
}

/**
 * Erases the customer's personal data in one transaction (NOT_FOUND if there is no such customer, CONFLICT if
 * already erased). `scrubRejectReason` rewrites a rejected import row's reason so it no longer quotes any of
 * `terms` (the person's external ids and email addresses). Returns nothing: the segments are the caller's.
 */
export async function eraseCustomerRecords(
  customerId: string,
  options: { actorId: string | null; now: Date; scrubRejectReason: (reason: string, terms: readonly string[]) => string },
): Promise<void> {
  const { now } = options;
  await db.$transaction(async (tx) => {
    const [customer] = await tx.$queryRaw<{ id: string; externalId: string | null; email: string | null; erasedAt: Date | null }[]>`
      SELECT "id", "externalId", "email", "erasedAt" FROM "Customer" WHERE "id" = ${customerId}::uuid FOR UPDATE`;
    if (!customer) throw new AppError("NOT_FOUND", "There is no customer with this id.");
    if (customer.erasedAt) throw new AppError("CONFLICT", "This customer's data was already erased.", { form: ["customerErased"] });
    const aliases = await tx.customerAlias.findMany({ where: { customerId }, select: { externalId: true } });
    const externalIds = [customer.externalId, ...aliases.map((alias) => alias.externalId)].filter((id): id is string => Boolean(id));
    for (const externalId of externalIds) {
      await tx.erasedExternalId.upsert({ where: { externalIdHash: hashExternalId(externalId) }, create: { externalIdHash: hashExternalId(externalId), erasedAt: now }, update: { erasedAt: now } });
    }
    await tx.customerAlias.deleteMany({ where: { customerId } });
    await tx.note.deleteMany({ where: { customerId } });
    await tx.task.deleteMany({ where: { customerId } });
    // A refund's reason is free text and may quote the person; the refund itself stays with the anonymous order.
    await tx.orderRefund.updateMany({ where: { order: { customerId } }, data: { reason: null } });
    // Emails and webhook payloads quote the person; the runs themselves (which steps ran, when) hold nothing personal.
    await tx.outboxEmail.deleteMany({ where: { customerId } });
    const runIds = (await tx.workflowRun.findMany({ where: { customerId }, select: { id: true } })).map((run) => run.id);
    await tx.webhookDelivery.updateMany({ where: { runId: { in: runIds } }, data: { payload: { erased: true } } });
    await tx.workflowRun.updateMany({ where: { customerId, status: { in: ["SCHEDULED", "HELD"] } }, data: { status: "STOPPED", stopReason: "customerErased", finishedAt: now } });
    await tx.customer.update({
      where: { id: customerId },
      data: {
        externalId: null,
        name: ERASED_NAME,
        email: null,
        phone: null,
        company: null,
        city: null,
        tags: [],
        customAttributes: {},
        marketingConsent: false,
        marketingConsentAt: null,
        ownerId: null,
        archivedAt: now,
        erasedAt: now,
      },
    });
    // Earlier change records may quote the person's data (also those of customers merged into them, under
    // their old ids): keep that a change happened, not what it was. Rejected import rows may quote them too.
    const historyIds = await listCustomerHistoryIds(tx, customerId);
    const emails = [...new Set([...(customer.email ? [customer.email.toLowerCase()] : []), ...(await listAuditedEmails(tx, historyIds))])];
    await scrubCustomerAuditEntries(tx, historyIds);
    const terms = [...externalIds, ...emails];
    const rejects = await findRejectsMentioning(tx, terms);
    await scrubRejects(tx, rejects.map((reject) => ({ id: reject.id, reason: options.scrubRejectReason(reject.reason, terms) })));
    await writeAuditEntry(tx, { actorId: options.actorId, action: "customer.erase", entityType: "Customer", entityId: customerId, after: { externalIds: externalIds.length } });
  });
}
