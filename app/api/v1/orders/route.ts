import { handle } from "@/lib/api/endpoint";
import { createOrder } from "@/lib/api/endpoints";
import { toOrderResource } from "@/lib/api/resources";
import { recordOrder } from "@/lib/services/order-changes";

export const POST = handle(createOrder, async ({ body, now }) => toOrderResource((await recordOrder(body, { actorId: null, now })).order));
