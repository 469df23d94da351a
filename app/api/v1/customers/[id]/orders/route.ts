import { handle } from "@/lib/api/endpoint";
import { listCustomerOrders } from "@/lib/api/endpoints";
import { encodeCursor, toOrderResource } from "@/lib/api/resources";
import { getApiCustomer } from "@/lib/db/api-customers";
import { listOrdersForCustomer } from "@/lib/db/orders";
import { AppError } from "@/lib/errors";

export const GET = handle(listCustomerOrders, async ({ params, query }) => {
  if (!(await getApiCustomer(params.id))) throw new AppError("NOT_FOUND", "There is no customer with this id.");
  const rows = await listOrdersForCustomer(params.id, query.cursor, query.limit + 1);
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return { data: data.map(toOrderResource), nextCursor: rows.length > query.limit && last ? encodeCursor([last.placedAt.toISOString(), last.id]) : null };
});
