/**
 * Pure figures behind the dashboard: the money bins of the CLV histogram, the CLV : CAC ratio with its verdict,
 * which calendar month each month of the revenue forecast stands for, and the order segments are listed in.
 */
import { RFM_GROUPS } from "./rfm";

/** One bar of the CLV histogram: from `fromMinor` (inclusive) up to `toMinor` (exclusive); null is open-ended. */
export type MoneyBin = { fromMinor: number; toMinor: number | null };

/**
 * Steps per decade, finest first: 1-2-5 (the steps of banknotes, so every edge is a round amount), then 1-3,
 * then whole decades. Each is roughly even on a log scale, which suits CLV: most customers are worth little and
 * a few are worth a lot, so equal-width bins would put nearly everyone in the first bar.
 */
const STEP_SETS: readonly (readonly number[])[] = [[1, 2, 5], [1, 3], [1]];

export const DEFAULT_MAX_BINS = 12;

/**
 * The inner edges of the CLV histogram, in minor units, ascending: the bins are [0, t₀), [t₀, t₁), …, [tₙ, ∞).
 * The first edge is the smallest round amount above the lowest positive value (but at least one major unit,
 * so a few cents of CLV do not open bins of their own), the last the largest round amount at or below the
 * highest value, so the first and last bins are never empty. The finest step set that stays within `maxBins`
 * bins is used; past that, decades are skipped. Always at least one edge.
 */
export function clvHistogramEdges(
  range: { minPositiveMinor: number | null; maxMinor: number | null },
  options: { unitMinor: number; maxBins?: number },
): number[] {
  const maxBins = Math.max(2, options.maxBins ?? DEFAULT_MAX_BINS);
  const unit = Math.max(1, Math.round(options.unitMinor));
  const low = Math.max(range.minPositiveMinor ?? unit, unit);
  const high = Math.max(range.maxMinor ?? 0, 0);
  for (let decadeStride = 1; ; decadeStride++) {
    for (const steps of decadeStride === 1 ? STEP_SETS : [[1]]) {
      const edges = roundAmounts(steps, decadeStride).filter((edge) => edge > low && edge <= high);
      // Everything lies between two neighbouring round amounts: one edge above it all (an empty last bin).
      if (edges.length === 0) return [roundAmounts(steps, decadeStride).find((edge) => edge > Math.max(low, high)) ?? Math.max(low, high) + 1];
      if (edges.length + 1 <= maxBins) return edges;
    }
  }
}

/** step × 10^e for e = 0, stride, 2·stride, … up to the largest safe integer. */
function roundAmounts(steps: readonly number[], decadeStride: number): number[] {
  const amounts: number[] = [];
  for (let exponent = 0; exponent <= 15; exponent += decadeStride) {
    for (const step of steps) amounts.push(step * 10 ** exponent);
  }
  return amounts;
}

/** The bins the edges draw, the first from zero and the last open-ended. */
export function binsFromEdges(edges: readonly number[]): MoneyBin[] {
  return [0, ...edges].map((fromMinor, index) => ({ fromMinor, toMinor: edges[index] ?? null }));
}

/**
 * CLV : CAC of a channel. The ratio is what an average customer of the channel is worth over what acquiring one
 * costs; shown to one decimal, rounded down, so that the shown figure and the verdict agree ("2.9 : 1" is never
 * called healthy). Below 1 the channel loses money on every customer; 3 or more is the usual rule of thumb
 * for a healthy channel.
 */
export type ClvCacRatio =
  | { status: "ratio"; ratio: number; verdict: "losing" | "below_target" | "healthy" }
  | { status: "cost_not_set" }
  | { status: "no_cost" }
  | { status: "no_customers" };

export const HEALTHY_CLV_CAC = 3;

export function clvCacRatio(averageClvMinor: number | null, acquisitionCostMinor: number | undefined): ClvCacRatio {
  if (acquisitionCostMinor === undefined) return { status: "cost_not_set" };
  if (averageClvMinor === null) return { status: "no_customers" };
  if (acquisitionCostMinor <= 0) return { status: "no_cost" };
  const ratio = Math.floor((averageClvMinor * 10) / acquisitionCostMinor) / 10;
  const verdict = averageClvMinor < acquisitionCostMinor ? "losing" : averageClvMinor >= HEALTHY_CLV_CAC * acquisitionCostMinor ? "healthy" : "below_target";
  return { status: "ratio", ratio, verdict };
}

/**
 * The calendar month each forecast month stands for, as the first of that month (UTC). Forecast month k covers
 * the k-th month after the end of the data; it is named after the calendar month most of it falls in: the
 * month it starts in when it starts on or before the 15th, else the next one. A fit made on 1 June forecasts
 * June first; one made on 31 May (the nightly run just before midnight UTC) also starts with June.
 */
export function forecastMonths(observationEnd: Date, count: number): Date[] {
  const startsLate = observationEnd.getUTCDate() > 15;
  const year = observationEnd.getUTCFullYear();
  const month = observationEnd.getUTCMonth() + (startsLate ? 1 : 0);
  return Array.from({ length: count }, (_, k) => new Date(Date.UTC(year, month + k, 1)));
}

/** The sum of a forecast's months, 0 for none. */
export function forecastTotal(months: readonly number[]): number {
  return months.reduce((total, value) => total + value, 0);
}

/** Built-in segments from the most to the least valuable, then the lifecycle stages in their order. */
const BUILTIN_ORDER = ["vip", "at_risk_vip", "new", "active", "at_risk", "lost"];
const SEGMENT_ORDER = [...BUILTIN_ORDER, ...RFM_GROUPS.map((group) => `rfm:${group}`)];

/**
 * Segments in reading order: the built-in ones (VIPs first, then the lifecycle from new to lost), the RFM groups
 * from champions to lost, then custom segments in the order given. Stable, so equal ranks keep their order.
 */
export function sortSegmentsForDisplay<T extends { key: string }>(segments: readonly T[]): T[] {
  const rank = (key: string) => {
    const index = SEGMENT_ORDER.indexOf(key);
    return index === -1 ? SEGMENT_ORDER.length : index;
  };
  return [...segments].sort((p, q) => rank(p.key) - rank(q.key));
}
