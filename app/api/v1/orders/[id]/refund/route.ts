import { handle } from "@/lib/api/endpoint";
import { refundOrder } from "@/lib/api/endpoints";
import { toOrderResource } from "@/lib/api/resources";
import { getOrder } from "@/lib/db/orders";
import { AppError } from "@/lib/errors";
import { recordRefund } from "@/lib/services/order-changes";

export const POST = handle(refundOrder, async ({ params, body, now }) => {
  await recordRefund(params.id, body.amountMinor, { actorId: null, now });
  const order = await getOrder(params.id);
  if (!order) throw new AppError("NOT_FOUND", "There is no order with this id.");
  return toOrderResource(order);
});
