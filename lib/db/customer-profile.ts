import { db } from "./client";

export async function getCustomerProfile(id: string) {
  const customer = await db.customer.findUnique({
    where: { id },
    select: {
      id: true, externalId: true, name: true, email: true, phone: true, company: true, country: true, city: true,
      acquisitionChannel: true, marketingConsent: true, marketingConsentAt: true, tags: true, customAttributes: true, discountTier: true,
      createdAt: true, updatedAt: true, archivedAt: true, erasedAt: true, orderCount: true, totalSpentMinor: true, firstOrderAt: true,
      lastOrderAt: true, owner: { select: { id: true, name: true } },
    },
  });
  if (!customer) return null;
  return { ...customer, totalSpentMinor: Number(customer.totalSpentMinor) };
}

export type CustomerProfile = NonNullable<Awaited<ReturnType<typeof getCustomerProfile>>>;

export async function listCustomerOrders(customerId: string, take: number) {
  const [orders, total] = await Promise.all([
    db.order.findMany({
      where: { customerId },
      orderBy: [{ placedAt: "desc" }, { id: "desc" }],
      take,
      select: {
        id: true, externalId: true, source: true, placedAt: true, status: true, currency: true, totalMinor: true,
        refundedMinor: true, salesChannel: true, refundedAt: true, cancelledAt: true,
        lines: { select: { id: true, sku: true, name: true, quantity: true, unitPriceMinor: true }, orderBy: { sku: "asc" } },
      },
    }),
    db.order.count({ where: { customerId } }),
  ]);
  return { orders, total };
}

export type CustomerOrder = Awaited<ReturnType<typeof listCustomerOrders>>["orders"][number];

/** The first `limit` tasks: open ones first, soonest due first; then the most recently completed. */
export async function listCustomerTasks(customerId: string, limit: number) {
  const tasks = await db.task.findMany({
    where: { customerId },
    orderBy: [{ status: "asc" }, { dueAt: { sort: "asc", nulls: "last" } }, { completedAt: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    take: limit + 1,
    select: {
      id: true, title: true, status: true, dueAt: true, completedAt: true, createdAt: true,
      assignee: { select: { id: true, name: true } },
    },
  });
  return { tasks: tasks.slice(0, limit), hasMore: tasks.length > limit };
}
