import { authorize } from "@/lib/auth/session";
import { csvLine } from "@/lib/domain/csv";
import { iterateCustomers } from "@/lib/db/customer-list";
import { withRouteErrors } from "@/lib/http/route-errors";
import { parseCustomerListQuery } from "@/lib/schemas/customer-list";

const HEADER = [
  "id", "name", "email", "company", "country", "city", "acquisition_channel", "tags", "order_count", "total_spent_minor", "last_order_at", "created_at",
  "historical_value_minor", "predicted_value_minor", "total_clv_minor", "probability_alive", "rfm_group",
];

/**
 * The customers matching the list's current filters, segment and sort, all of them, streamed as CSV with their
 * value figures (managers, admins).
 */
export const GET = withRouteErrors(async (request: Request) => {
  await authorize("customer:export");
  const query = parseCustomerListQuery(new URL(request.url).searchParams);
  const encoder = new TextEncoder();
  const rows = iterateCustomers(query);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A BOM so spreadsheet programs read the UTF-8 names (Łódź, Müller) correctly.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(HEADER)}`));
    },
    async pull(controller) {
      const { value, done } = await rows.next();
      if (done) return controller.close();
      controller.enqueue(
        encoder.encode(
          value
            .map((row) =>
              csvLine([
                row.id, row.name, row.email, row.company, row.country, row.city, row.acquisitionChannel, row.tags.join(";"), row.orderCount, row.totalSpentMinor, row.lastOrderAt, row.createdAt,
                row.historicalValueMinor, row.predictedValueMinor, row.totalClvMinor, row.probabilityAlive, row.rfmGroup,
              ]),
            )
            .join(""),
        ),
      );
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="customers-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
