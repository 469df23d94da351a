import { handle } from "@/lib/api/endpoint";
import { getCustomerPricing } from "@/lib/api/endpoints";
import { customerPricingResource } from "@/lib/services/api-customers";

export const GET = handle(getCustomerPricing, async ({ params }) => customerPricingResource(params.id));
