import { handle } from "@/lib/api/endpoint";
import { createCustomer, listCustomers } from "@/lib/api/endpoints";
import { encodeCursor, toCustomerResource } from "@/lib/api/resources";
import { createCustomerFromApi } from "@/lib/services/api-customers";
import { listCustomersAfter } from "@/lib/db/api-customers";

export const GET = handle(listCustomers, async ({ query }) => {
  const rows = await listCustomersAfter(query, query.cursor, query.limit + 1);
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return { data: data.map(toCustomerResource), nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
});

export const POST = handle(createCustomer, async ({ body, now }) => toCustomerResource(await createCustomerFromApi(body, now)));
