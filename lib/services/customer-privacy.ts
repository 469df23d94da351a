/**
 * A person's rights over their data (GDPR articles 15 and 17): everything held about a customer as one JSON
 * document, and erasure. Erasure anonymises the customer row instead of deleting it, so their orders stay as
 * anonymous revenue (totals and the CLV models stay right); free text that may hold personal data (notes, tasks,
 * audit details, workflow emails and webhook payloads, rejected import rows quoting them) is removed; and the
 * external ids are kept only as hashes so that a later import or API call is told "this person was erased"
 * instead of silently recreating them. A customer's history includes the customers merged into them: their audit
 * entries stay under the merged-away ids, and both the export and the erasure follow the merges to them.
 */
import { hashExternalId } from "@/lib/db/customer-identity";
import { db } from "@/lib/db/client";
import { listAuditedEmails, listCustomerAuditEntries, listCustomerHistoryIds, scrubCustomerAuditEntries, writeAuditEntry } from "@/lib/db/audit-log";
import { findRejectsMentioning, scrubRejects } from "@/lib/db/imports";
import { AppError } from "@/lib/errors";
import { scrubReason } from "@/lib/import/reject-reason";
import { refreshCustomerSegments } from "./customer-segments";

export const ERASED_NAME = "Erased customer";

export async function exportCustomerData(customerId: string, now: Date = new Date()) {
  const customer = await db.customer.findUnique({
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
  if (!customer) throw new AppError("NOT_FOUND", "There is no customer with this id.");
  const [events, audit, workflowRuns, emails] = await Promise.all([
    db.$queryRaw<{ change: string; occurredAt: Date; reason: unknown; segmentKey: string; segmentName: string }[]>`
      SELECT e."change"::text AS change, e."occurredAt" AS "occurredAt", e."reason", s."key" AS "segmentKey", s."name" AS "segmentName"
      FROM "SegmentMembershipEvent" e JOIN "Segment" s ON s."id" = e."segmentId"
      WHERE e."customerId" = ${customerId}::uuid ORDER BY e."id"`,
    listCustomerHistoryIds(db, customerId).then(listCustomerAuditEntries),
    db.workflowRun.findMany({
      where: { customerId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true, workflow: { select: { name: true } }, source: true, status: true, stopReason: true, lastError: true, createdAt: true, finishedAt: true,
        steps: { orderBy: { stepIndex: "asc" }, select: { stepIndex: true, type: true, status: true, attempts: true, error: true, startedAt: true, finishedAt: true } },
      },
    }),
    db.outboxEmail.findMany({ where: { customerId }, orderBy: { createdAt: "asc" }, select: { toAddress: true, subject: true, bodyText: true, status: true, createdAt: true, sentAt: true } }),
  ]);
  const webhookDeliveries = await db.webhookDelivery.findMany({
    where: { runId: { in: workflowRuns.map((run) => run.id) } },
    orderBy: { createdAt: "asc" },
    select: { runId: true, url: true, payload: true, status: true, createdAt: true, deliveredAt: true },
  });
  const { orders, notes, tasks, metrics, memberships, aliases, owner, ...profile } = customer;
  return JSON.parse(
    JSON.stringify(
      {
        exportedAt: now.toISOString(),
        about: "Everything Worthwise CRM holds about this customer. Money is in minor units (cents) of the order's currency.",
        profile: { ...profile, owner, otherExternalIds: aliases },
        orders,
        notes,
        tasks,
        value: metrics,
        segments: { current: memberships, history: events },
        workflowRuns,
        emails,
        webhookDeliveries,
        // Entries under another id were made before that customer was merged into this one.
        changeLog: audit.map(({ entityId, ...entry }) => (entityId === customerId ? entry : { ...entry, mergedCustomerId: entityId })),
      },
      (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value),
    ),
  ) as Record<string, unknown>;
}

export async function eraseCustomer(customerId: string, options: { actorId: string | null; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
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
    await scrubRejects(tx, rejects.map((reject) => ({ id: reject.id, reason: scrubReason(reject.reason, terms) })));
    await writeAuditEntry(tx, { actorId: options.actorId, action: "customer.erase", entityType: "Customer", entityId: customerId, after: { externalIds: externalIds.length } });
  });
  // Archived now: the customer leaves every segment (with exit events that hold no personal data).
  await refreshCustomerSegments([customerId], now);
}
