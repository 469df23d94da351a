/** What a support agent needs to see first about a customer's history with the shop. */
import { averageMinor } from "./money";

export type CustomerFigures = {
  customerSince: Date;
  orderCount: number;
  totalSpentMinor: number;
  averageOrderMinor: number | null;
  lastOrderAt: Date | null;
  daysSinceLastOrder: number | null;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function customerFigures(
  customer: { createdAt: Date; firstOrderAt: Date | null; lastOrderAt: Date | null; orderCount: number; totalSpentMinor: number },
  now: Date,
): CustomerFigures {
  // Imported customers often bought long before they were created in the CRM.
  const customerSince = customer.firstOrderAt && customer.firstOrderAt < customer.createdAt ? customer.firstOrderAt : customer.createdAt;
  return {
    customerSince,
    orderCount: customer.orderCount,
    totalSpentMinor: customer.totalSpentMinor,
    averageOrderMinor: averageMinor(customer.totalSpentMinor, customer.orderCount),
    lastOrderAt: customer.lastOrderAt,
    daysSinceLastOrder: customer.lastOrderAt ? Math.max(0, Math.floor((now.getTime() - customer.lastOrderAt.getTime()) / DAY_MS)) : null,
  };
}
