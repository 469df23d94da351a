import { handle } from "@/lib/api/endpoint";
import { getCustomer, updateCustomer } from "@/lib/api/endpoints";
import { toCustomerResource } from "@/lib/api/resources";
import { getApiCustomer } from "@/lib/db/api-customers";
import { AppError } from "@/lib/errors";
import { updateCustomerFromApi } from "@/lib/services/api-customers";

export const GET = handle(getCustomer, async ({ params }) => {
  const customer = await getApiCustomer(params.id);
  if (!customer) throw new AppError("NOT_FOUND", "There is no customer with this id.");
  return toCustomerResource(customer);
});

export const PATCH = handle(updateCustomer, async ({ params, body, now }) => toCustomerResource(await updateCustomerFromApi(params.id, body, now)));
