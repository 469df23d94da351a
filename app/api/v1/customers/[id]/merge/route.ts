import { handle } from "@/lib/api/endpoint";
import { mergeCustomer } from "@/lib/api/endpoints";
import { toCustomerResource } from "@/lib/api/resources";
import { getApiCustomer } from "@/lib/db/api-customers";
import { mergeCustomers } from "@/lib/services/customer-merge";

export const POST = handle(mergeCustomer, async ({ params, body, now }) => {
  const { otherId, ...choices } = body;
  const outcome = await mergeCustomers({ survivorId: params.id, otherId, choices }, { actorId: null, now });
  const customer = await getApiCustomer(outcome.survivorId);
  return { customer: toCustomerResource(customer!), mergedId: outcome.mergedId, moved: outcome.moved, aliases: outcome.aliases };
});
