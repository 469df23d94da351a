/**
 * Revenue to expect from the customers already on the books, month by month (for budget planning): for each
 * month k, Σ over customers of (E[X(k·f)] − E[X((k−1)·f)]) × the customer's expected spend per purchase. Not
 * discounted, not margin-adjusted: what the shop would see on its revenue line. New customers are not in it.
 */
import { UNITS_PER_MONTH } from "./discounted-clv";
import { type CustomerSummaries, toColumns } from "./fit-clv-models";
import { gammaGammaExpectedSpend, type GammaGammaParams } from "./gamma-gamma";
import { expectedPurchases, type PurchaseModel } from "./purchase-model";
import type { TimeUnit } from "./summarize-transactions";
import { groupTuples } from "./weighted-tuples";

export type MonthlyForecast = { purchases: number[]; revenueMinor: number[] };

export function monthlyForecast(
  models: { purchase: PurchaseModel; spend: GammaGammaParams },
  customers: CustomerSummaries,
  options: { months: number; unit: TimeUnit },
): MonthlyForecast {
  if (!Number.isInteger(options.months) || options.months < 1 || options.months > 120) {
    throw new RangeError(`The forecast covers 1 to 120 months, got ${options.months}.`);
  }
  const { frequency, recency, T, monetaryValue } = toColumns(customers);
  const { tuples, tupleOf } = groupTuples(frequency, recency, T);
  // Customers sharing a tuple buy alike; their expected spends add up.
  const spendPerTuple = new Float64Array(tuples.size);
  for (let i = 0; i < frequency.length; i++) {
    spendPerTuple[tupleOf[i]!]! += gammaGammaExpectedSpend(models.spend, frequency[i]!, monetaryValue[i]!);
  }
  const unitsPerMonth = UNITS_PER_MONTH[options.unit];
  const purchases = new Array<number>(options.months).fill(0);
  const revenue = new Array<number>(options.months).fill(0);
  for (let k = 0; k < tuples.size; k++) {
    let previous = 0;
    for (let month = 1; month <= options.months; month++) {
      const current = expectedPurchases(models.purchase, month * unitsPerMonth, tuples.x[k]!, tuples.tx[k]!, tuples.T[k]!);
      const increment = current - previous;
      purchases[month - 1]! += increment * tuples.weight[k]!;
      revenue[month - 1]! += increment * spendPerTuple[k]!;
      previous = current;
    }
  }
  return { purchases, revenueMinor: revenue.map((value) => Math.round(value)) };
}
