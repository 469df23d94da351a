import { handle } from "@/lib/api/endpoint";
import { eraseCustomer } from "@/lib/api/endpoints";
import { eraseCustomer as erase } from "@/lib/services/customer-privacy";

export const POST = handle(eraseCustomer, async ({ params, now }) => {
  await erase(params.id, { actorId: null, now });
  return { customerId: params.id, erased: true as const };
});
