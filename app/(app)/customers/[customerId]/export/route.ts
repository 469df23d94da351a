import { z } from "zod";
import { authorize } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { withRouteErrors } from "@/lib/http/route-errors";
import { exportCustomerData } from "@/lib/services/customer-privacy";

/** Everything held about one customer, as a JSON download (managers and admins; a person's right of access). */
export const GET = withRouteErrors(async (_request: Request, context: { params: Promise<{ customerId: string }> }) => {
  await authorize("customer:privacy");
  const id = z.uuid().safeParse((await context.params).customerId);
  if (!id.success) throw new AppError("NOT_FOUND", "There is no customer with this id.");
  const data = await exportCustomerData(id.data);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="customer-${id.data}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
