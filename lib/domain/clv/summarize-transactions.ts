/**
 * From purchases to the per-customer summaries the models read, with the definitions of Fader & Hardie and of
 * the lifetimes library (`summary_data_from_transaction_data`, `calibration_and_holdout_data`):
 * - purchase times are floored to periods (UTC days, or Monday-to-Sunday weeks); purchases in one period count
 *   once and their amounts are added;
 * - frequency = distinct purchase periods − 1; recency = last − first purchase period; T = observation end −
 *   first purchase period; monetary value = mean over the repeat periods (the first purchase left out), 0 if none;
 * - times are then expressed in `unit`: CDNOW's published weeks are daily periods divided by 7.
 * With a calibration end, the summary covers purchases up to it, holdout purchases (after it, up to the
 * observation end) are counted without the −1, and customers who first bought after it are left out.
 */
import { ClvInputError } from "./customer-summary";

export type TimeUnit = "day" | "week";

export type Purchase = {
  customerId: string;
  at: Date;
  /** What the purchase brought in (≥ 0); refunds are not purchases (see historical-clv.ts). */
  amount: number;
};

export type SummarizeOptions = {
  /** The last moment observed; purchases after it are ignored. */
  observationEnd: Date;
  /** The unit recency, T and the holdout duration are measured in. */
  unit: TimeUnit;
  /** The period purchases are grouped by (default: day). */
  period?: TimeUnit;
};

export type SummaryRow = { customerId: string; frequency: number; recency: number; T: number; monetaryValue: number };

export type HoldoutSummaryRow = SummaryRow & { frequencyHoldout: number; durationHoldout: number };

const DAY_MS = 86_400_000;
const DAYS: Record<TimeUnit, number> = { day: 1, week: 7 };

/** Index of the UTC day, or of the Monday-started week (1970-01-01 was a Thursday, hence the + 3). */
export function periodIndex(at: Date, period: TimeUnit): number {
  const day = Math.floor(at.getTime() / DAY_MS);
  return period === "day" ? day : Math.floor((day + 3) / 7);
}

export function summarizeTransactions(purchases: readonly Purchase[], options: SummarizeOptions): SummaryRow[] {
  return summarize(purchases, options, null).map(({ frequencyHoldout: _f, durationHoldout: _d, ...row }) => row);
}

export function summarizeCalibrationHoldout(
  purchases: readonly Purchase[],
  options: SummarizeOptions & { calibrationEnd: Date },
): HoldoutSummaryRow[] {
  if (!(options.calibrationEnd.getTime() <= options.observationEnd.getTime())) {
    throw new RangeError("The calibration end must be a valid date no later than the observation end.");
  }
  return summarize(purchases, options, options.calibrationEnd);
}

type CustomerPeriods = { id: string; periods: Map<number, number>; holdout: Set<number> };

function summarize(purchases: readonly Purchase[], options: SummarizeOptions, calibrationEnd: Date | null): HoldoutSummaryRow[] {
  const period = options.period ?? "day";
  if (Number.isNaN(options.observationEnd.getTime())) throw new RangeError("The observation end is not a valid date.");
  const endPeriod = periodIndex(options.observationEnd, period);
  const cutPeriod = calibrationEnd ? periodIndex(calibrationEnd, period) : endPeriod;
  const scale = DAYS[period] / DAYS[options.unit];
  const customers = new Map<string, CustomerPeriods>();
  purchases.forEach((purchase, index) => {
    const time = purchase.at.getTime();
    if (Number.isNaN(time)) throw new ClvInputError(index, "at", "The purchase date is not a valid date.");
    if (!Number.isFinite(purchase.amount) || purchase.amount < 0) {
      throw new ClvInputError(index, "amount", `A purchase amount must be a number ≥ 0, got ${purchase.amount}; refunds are not purchases.`);
    }
    const p = periodIndex(purchase.at, period);
    if (p > endPeriod) return;
    let customer = customers.get(purchase.customerId);
    if (!customer) {
      customer = { id: purchase.customerId, periods: new Map(), holdout: new Set() };
      customers.set(purchase.customerId, customer);
    }
    if (p > cutPeriod) customer.holdout.add(p);
    else customer.periods.set(p, (customer.periods.get(p) ?? 0) + purchase.amount);
  });
  const rows: HoldoutSummaryRow[] = [];
  for (const customer of customers.values()) {
    // Customers whose first purchase falls after the calibration end are not in the calibration set.
    if (customer.periods.size === 0) continue;
    const sorted = [...customer.periods.keys()].sort((a, b) => a - b);
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    let repeatAmount = 0;
    for (let i = 1; i < sorted.length; i++) repeatAmount += customer.periods.get(sorted[i]!)!;
    const frequency = sorted.length - 1;
    rows.push({
      customerId: customer.id,
      frequency,
      recency: (last - first) * scale,
      T: (cutPeriod - first) * scale,
      monetaryValue: frequency > 0 ? repeatAmount / frequency : 0,
      frequencyHoldout: customer.holdout.size,
      durationHoldout: (endPeriod - cutPeriod) * scale,
    });
  }
  return rows;
}
