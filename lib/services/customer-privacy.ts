/**
 * A person's rights over their data (GDPR articles 15 and 17): everything held about a customer as one JSON
 * document, and erasure. Erasure anonymises the customer row instead of deleting it, so their orders stay as
 * anonymous revenue (totals and the CLV models stay right); free text that may hold personal data (notes, tasks,
 * audit details, workflow emails and webhook payloads, rejected import rows quoting them) is removed; and the
 * external ids are kept only as hashes so that a later import or API call is told "this person was erased"
 * instead of silently recreating them. A customer's history includes the customers merged into them: their audit
 * entries stay under the merged-away ids, and both the export and the erasure follow the merges to them.
 */
import { listCustomerHistoryAuditEntries } from "@/lib/db/audit-log";
import {
  eraseCustomerRecords,
  getCustomerForExport,
  listEmailsForExport,
  listSegmentHistoryForExport,
  listWebhookDeliveriesForExport,
  listWorkflowRunsForExport,
} from "@/lib/db/customer-privacy";
import { AppError } from "@/lib/errors";
import { scrubReason } from "@/lib/import/reject-reason";
import { refreshCustomerSegments } from "./customer-segments";

export async function exportCustomerData(customerId: string, now: Date = new Date()) {
  const customer = await getCustomerForExport(customerId);
  if (!customer) throw new AppError("NOT_FOUND", "There is no customer with this id.");
  const [events, audit, workflowRuns, emails] = await Promise.all([
    listSegmentHistoryForExport(customerId),
    listCustomerHistoryAuditEntries(customerId),
    listWorkflowRunsForExport(customerId),
    listEmailsForExport(customerId),
  ]);
  const webhookDeliveries = await listWebhookDeliveriesForExport(workflowRuns.map((run) => run.id));
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
  await eraseCustomerRecords(customerId, { actorId: options.actorId, now, scrubRejectReason: scrubReason });
  // Archived now: the customer leaves every segment (with exit events that hold no personal data).
  await refreshCustomerSegments([customerId], now);
}
