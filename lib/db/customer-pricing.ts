/** What a shop needs to price for a customer: the discount tier workflows (or staff) set, and VIP status. */
import { db } from "./client";

export type CustomerPricing = { id: string; externalId: string | null; discountTier: string | null; segmentKeys: string[]; updatedAt: Date };

export async function getCustomerPricing(customerId: string): Promise<CustomerPricing | null> {
  const customer = await db.customer.findFirst({
    where: { id: customerId, erasedAt: null },
    select: { id: true, externalId: true, discountTier: true, updatedAt: true, memberships: { select: { segment: { select: { key: true } } } } },
  });
  if (!customer) return null;
  return { id: customer.id, externalId: customer.externalId, discountTier: customer.discountTier, updatedAt: customer.updatedAt, segmentKeys: customer.memberships.map((membership) => membership.segment.key).sort() };
}
