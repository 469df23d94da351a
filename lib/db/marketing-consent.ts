/** Marketing consent changed by the customer themselves (the unsubscribe link), with its audit entry. */
import { writeAuditEntry } from "./audit-log";
import { db } from "./client";

export type ConsentWithdrawal = "withdrawn" | "alreadyWithdrawn" | "notFound";

export async function withdrawMarketingConsent(customerId: string, now: Date): Promise<ConsentWithdrawal> {
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { marketingConsent: true, erasedAt: true } });
    if (!customer || customer.erasedAt) return "notFound";
    // Only a change is written, so a second click keeps the first withdrawal's time.
    const { count } = await tx.customer.updateMany({ where: { id: customerId, marketingConsent: true }, data: { marketingConsent: false, marketingConsentAt: now } });
    if (count === 0) return "alreadyWithdrawn";
    await writeAuditEntry(tx, {
      actorId: null,
      action: "customer.unsubscribe",
      entityType: "Customer",
      entityId: customerId,
      before: { marketingConsent: true },
      after: { marketingConsent: false, via: "unsubscribe link" },
    });
    return "withdrawn";
  });
}
