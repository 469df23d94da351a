import type { CustomerListQuery } from "@/lib/schemas/customer-list";
import { db } from "./client";
import type { Prisma } from "./generated/prisma/client";

export type CustomerListRow = {
  id: string;
  name: string;
  email: string | null;
  company: string | null;
  country: string | null;
  city: string | null;
  acquisitionChannel: string | null;
  tags: string[];
  orderCount: number;
  totalSpentMinor: number;
  lastOrderAt: Date | null;
  createdAt: Date;
};

const listRowSelect = {
  id: true, name: true, email: true, company: true, country: true, city: true, acquisitionChannel: true, tags: true,
  orderCount: true, totalSpentMinor: true, lastOrderAt: true, createdAt: true,
} as const satisfies Prisma.CustomerSelect;

/** Prisma passes `contains` into LIKE unescaped: a search for "%" would match everyone. */
export function escapeLikePattern(term: string): string {
  return term.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function customerListWhere(query: Pick<CustomerListQuery, "q" | "country" | "channel" | "tag">): Prisma.CustomerWhereInput {
  const where: Prisma.CustomerWhereInput = { archivedAt: null };
  if (query.country) where.country = query.country;
  if (query.channel) where.acquisitionChannel = query.channel;
  if (query.tag) where.tags = { has: query.tag };
  if (query.q) {
    // searchText is name, email and company, lower-cased by the database (one trigram index serves it).
    where.searchText = { contains: escapeLikePattern(query.q.toLowerCase()) };
  }
  return where;
}

// Each sort is backed by an index on (column, id) over live customers (see the migration); the id keeps the
// order total, so paging never repeats or skips a row.
export function customerListOrderBy(query: Pick<CustomerListQuery, "sort" | "dir">): Prisma.CustomerOrderByWithRelationInput[] {
  const { sort, dir } = query;
  switch (sort) {
    case "name":
      return [{ name: dir }, { id: dir }];
    case "createdAt":
      return [{ createdAt: dir }, { id: dir }];
    case "orderCount":
      return [{ orderCount: dir }, { id: dir }];
    case "totalSpent":
      return [{ totalSpentMinor: dir }, { id: dir }];
    case "lastOrderAt":
      return [{ lastOrderAt: { sort: dir, nulls: dir === "desc" ? "last" : "first" } }, { id: dir }];
  }
}

export function toListRow(row: Prisma.CustomerGetPayload<{ select: typeof listRowSelect }>): CustomerListRow {
  return { ...row, totalSpentMinor: Number(row.totalSpentMinor) };
}

export async function listCustomers(query: CustomerListQuery): Promise<{ rows: CustomerListRow[]; total: number }> {
  const where = customerListWhere(query);
  const [rows, total] = await Promise.all([
    db.customer.findMany({
      where,
      orderBy: customerListOrderBy(query),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: listRowSelect,
    }),
    db.customer.count({ where }),
  ]);
  return { rows: rows.map(toListRow), total };
}

/** All matching rows in list order, in batches by keyset, for streaming exports of any size. */
export async function* iterateCustomers(query: CustomerListQuery, batchSize = 1000): AsyncGenerator<CustomerListRow[]> {
  const where = customerListWhere(query);
  const orderBy = customerListOrderBy(query);
  let lastId: string | undefined;
  for (;;) {
    const batch = await db.customer.findMany({
      where,
      orderBy,
      take: batchSize,
      ...(lastId ? { cursor: { id: lastId }, skip: 1 } : {}),
      select: listRowSelect,
    });
    if (batch.length === 0) return;
    yield batch.map(toListRow);
    if (batch.length < batchSize) return;
    lastId = batch[batch.length - 1]!.id;
  }
}

/** The tags in use, for the list's tag filter. */
export async function listCustomerTags(limit = 200): Promise<string[]> {
  const rows = await db.$queryRaw<{ tag: string }[]>`
    SELECT DISTINCT unnest("tags") AS tag FROM "Customer" WHERE "archivedAt" IS NULL ORDER BY tag LIMIT ${limit}`;
  return rows.map((row) => row.tag);
}
