import { handle } from "@/lib/api/endpoint";
import { getCustomerMetrics } from "@/lib/api/endpoints";
import { customerMetricsResource } from "@/lib/services/api-customers";

export const GET = handle(getCustomerMetrics, async ({ params }) => customerMetricsResource(params.id));
