/** Writes a built shop into the database with bulk inserts (the seed, integration tests, e2e and benchmarks). */
import { hashPassword } from "@/lib/auth/password";
import { bulkInsert } from "@/lib/db/bulk-insert";
import type { Shop } from "./shop";

export async function persistShop(shop: Shop, options: { now: Date; batchSize?: number }): Promise<void> {
  const { now } = options;
  const batchSize = options.batchSize;
  const hashes = new Map(await Promise.all(shop.users.map(async (user) => [user.id, await hashPassword(user.password)] as const)));
  await bulkInsert(
    "User",
    [
      { name: "id", type: "uuid", value: (u) => u.id },
      { name: "email", type: "text", value: (u) => u.email },
      { name: "name", type: "text", value: (u) => u.name },
      { name: "role", type: '"Role"', value: (u) => u.role },
      { name: "passwordHash", type: "text", value: (u) => hashes.get(u.id) },
      { name: "updatedAt", type: "timestamptz", value: () => now },
    ],
    shop.users,
  );
  await bulkInsert(
    "Customer",
    [
      { name: "id", type: "uuid", value: (c) => c.id },
      { name: "externalId", type: "text", value: (c) => c.externalId },
      { name: "name", type: "text", value: (c) => c.name },
      { name: "email", type: "text", value: (c) => c.email },
      { name: "phone", type: "text", value: (c) => c.phone },
      { name: "company", type: "text", value: (c) => c.company },
      { name: "country", type: "text", value: (c) => c.country },
      { name: "city", type: "text", value: (c) => c.city },
      { name: "acquisitionChannel", type: "text", value: (c) => c.acquisitionChannel },
      { name: "marketingConsent", type: "boolean", value: (c) => c.marketingConsent },
      { name: "marketingConsentAt", type: "timestamptz", value: (c) => c.marketingConsentAt },
      { name: "tags", type: "text[]", value: (c) => c.tags },
      { name: "ownerId", type: "uuid", value: (c) => c.ownerId },
      { name: "createdAt", type: "timestamptz", value: (c) => c.createdAt },
      { name: "updatedAt", type: "timestamptz", value: (c) => c.createdAt },
    ],
    shop.customers,
    { batchSize },
  );
  // Grouped by customer, so each batch's aggregate trigger refreshes each customer once.
  const orders = [...shop.orders].sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  await bulkInsert(
    "Order",
    [
      { name: "id", type: "uuid", value: (o) => o.id },
      { name: "externalId", type: "text", value: (o) => o.externalId },
      { name: "source", type: "text", value: (o) => o.source },
      { name: "customerId", type: "uuid", value: (o) => o.customerId },
      { name: "placedAt", type: "timestamptz", value: (o) => o.placedAt },
      { name: "status", type: '"OrderStatus"', value: (o) => o.status },
      { name: "currency", type: "text", value: (o) => o.currency },
      { name: "totalMinor", type: "int", value: (o) => o.totalMinor },
      { name: "refundedMinor", type: "int", value: (o) => o.refundedMinor },
      { name: "salesChannel", type: "text", value: (o) => o.salesChannel },
      { name: "refundedAt", type: "timestamptz", value: (o) => o.refundedAt },
      { name: "cancelledAt", type: "timestamptz", value: (o) => o.cancelledAt },
      { name: "createdAt", type: "timestamptz", value: (o) => o.placedAt },
      { name: "updatedAt", type: "timestamptz", value: (o) => o.refundedAt ?? o.cancelledAt ?? o.placedAt },
    ],
    orders,
    { batchSize },
  );
  await bulkInsert(
    "OrderLine",
    [
      { name: "id", type: "uuid", value: (l) => l.id },
      { name: "orderId", type: "uuid", value: (l) => l.orderId },
      { name: "sku", type: "text", value: (l) => l.sku },
      { name: "name", type: "text", value: (l) => l.name },
      { name: "quantity", type: "int", value: (l) => l.quantity },
      { name: "unitPriceMinor", type: "int", value: (l) => l.unitPriceMinor },
    ],
    shop.orderLines,
    { batchSize },
  );
  await bulkInsert(
    "Note",
    [
      { name: "id", type: "uuid", value: (n) => n.id },
      { name: "customerId", type: "uuid", value: (n) => n.customerId },
      { name: "authorId", type: "uuid", value: (n) => n.authorId },
      { name: "kind", type: '"NoteKind"', value: (n) => n.kind },
      { name: "body", type: "text", value: (n) => n.body },
      { name: "createdAt", type: "timestamptz", value: (n) => n.createdAt },
    ],
    shop.notes,
  );
  await bulkInsert(
    "Task",
    [
      { name: "id", type: "uuid", value: (t) => t.id },
      { name: "customerId", type: "uuid", value: (t) => t.customerId },
      { name: "title", type: "text", value: (t) => t.title },
      { name: "assigneeId", type: "uuid", value: (t) => t.assigneeId },
      { name: "createdById", type: "uuid", value: (t) => t.createdById },
      { name: "dueAt", type: "timestamptz", value: (t) => t.dueAt },
      { name: "status", type: '"TaskStatus"', value: (t) => t.status },
      { name: "completedAt", type: "timestamptz", value: (t) => t.completedAt },
      { name: "createdAt", type: "timestamptz", value: (t) => t.createdAt },
      { name: "updatedAt", type: "timestamptz", value: (t) => t.completedAt ?? t.createdAt },
    ],
    shop.tasks,
  );
}
