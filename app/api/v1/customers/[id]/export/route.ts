import { handle } from "@/lib/api/endpoint";
import { exportCustomer } from "@/lib/api/endpoints";
import { exportCustomerData } from "@/lib/services/customer-privacy";

export const GET = handle(exportCustomer, async ({ params, now }) => exportCustomerData(params.id, now));
