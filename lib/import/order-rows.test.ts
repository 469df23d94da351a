import { describe, expect, it } from "vitest";
import { OrderRowGrouper, type OrderGroup, type RowRejection } from "./order-rows";

const header = ["order", "customer", "date", "total", "sku", "product", "qty", "price"];
const mapping = { externalId: "order", customerExternalId: "customer", placedAt: "date", total: "total", lineSku: "sku", lineName: "product", lineQuantity: "qty", lineUnitPrice: "price" };
const columns = new Map(Object.entries(mapping).map(([field, column]) => [field, header.indexOf(column)]));
const context = { currency: "EUR", decimalSeparator: "." as const, defaultSource: "import", now: new Date("2026-06-01T00:00:00Z") };

function group(rows: string[], options: { hasLines?: boolean } = {}) {
  const grouper = new OrderRowGrouper(context, columns, mapping, options.hasLines ?? true);
  const output: { groups: OrderGroup[]; rejections: RowRejection[] } = { groups: [], rejections: [] };
  rows.forEach((row, index) => grouper.add({ line: index + 2, fields: row.split(",") }, output));
  grouper.finish(output);
  return {
    orders: output.groups.map((entry) => ({ line: entry.line, id: entry.order.externalId, total: entry.order.totalMinor, lines: entry.lines.map((line) => `${line.line}:${line.value.sku}x${line.value.quantity}`), rows: entry.rows.length })),
    rejected: output.rejections.map((rejection) => ({ line: rejection.line, column: rejection.column, reason: rejection.reason })),
  };
}

describe("rows of an orders file with its lines", () => {
  it("groups the rows of one order, whether later rows repeat the order's columns or leave them empty", () => {
    expect(group(["A,C-1,2026-03-01,30.00,S1,Beans,2,10.00", "A,,,,S2,Cup,1,10.00", "B,C-1,2026-03-02,5.00,S3,Tea,1,5.00", "B,C-1,2026-03-02,5.00,S4,Mug,1,0.00"])).toEqual({
      orders: [
        { line: 2, id: "A", total: 3000, lines: ["2:S1x2", "3:S2x1"], rows: 2 },
        { line: 4, id: "B", total: 500, lines: ["4:S3x1", "5:S4x1"], rows: 2 },
      ],
      rejected: [],
    });
  });

  it("rejects every row of an order when one of its rows is bad, naming the bad row", () => {
    expect(group(["A,C-1,2026-03-01,30.00,S1,Beans,2,10.00", "A,,,,S2,Cup,none,10.00", "B,C-1,2026-03-02,5.00,S3,Tea,1,5.00"])).toEqual({
      orders: [{ line: 4, id: "B", total: 500, lines: ["4:S3x1"], rows: 1 }],
      rejected: [
        { line: 2, column: null, reason: { key: "imports.reasons.orderRejected", values: { line: 3 } } },
        { line: 3, column: "qty", reason: { key: "imports.reasons.quantityInvalid" } },
      ],
    });
  });

  it("rejects an order whose repeated columns disagree with its first row", () => {
    const result = group(["A,C-1,2026-03-01,30.00,S1,Beans,2,10.00", "A,C-1,2026-03-01,31.00,S2,Cup,1,10.00"]);
    expect(result.orders).toEqual([]);
    expect(result.rejected[1]).toEqual({ line: 3, column: null, reason: { key: "imports.reasons.orderColumnsDiffer", values: { line: 2 } } });
  });

  it("keeps an order row without a line as an order without lines", () => {
    expect(group(["A,C-1,2026-03-01,30.00,,,,"]).orders).toEqual([{ line: 2, id: "A", total: 3000, lines: [], rows: 1 }]);
  });

  it("without line columns, every row is an order of its own", () => {
    expect(group(["A,C-1,2026-03-01,30.00", "A,C-1,2026-03-01,30.00", "B,C-2,bad,1.00"], { hasLines: false })).toEqual({
      orders: [
        { line: 2, id: "A", total: 3000, lines: [], rows: 1 },
        { line: 3, id: "A", total: 3000, lines: [], rows: 1 },
      ],
      rejected: [{ line: 4, column: "date", reason: { key: "imports.reasons.dateInvalid" } }],
    });
  });
});
