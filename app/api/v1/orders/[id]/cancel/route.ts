import { handle } from "@/lib/api/endpoint";
import { cancelOrder } from "@/lib/api/endpoints";
import { toOrderResource } from "@/lib/api/resources";
import { getOrder } from "@/lib/db/orders";
import { AppError } from "@/lib/errors";
import { recordCancellation } from "@/lib/services/order-changes";

export const POST = handle(cancelOrder, async ({ params, now }) => {
  await recordCancellation(params.id, { actorId: null, now });
  const order = await getOrder(params.id);
  if (!order) throw new AppError("NOT_FOUND", "There is no order with this id.");
  return toOrderResource(order);
});
