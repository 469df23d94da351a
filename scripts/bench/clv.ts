/**
 * `npm run bench:clv`: the CLV engine at the scale of a large shop. Simulates 1,000,000 customers from known
 * BG/NBD and Gamma-Gamma parameters (seeded, in whole weeks, so runs repeat and customers share tuples), then
 * fits BG/NBD on the distinct weighted (x, t_x, T) tuples, fits Gamma-Gamma on the repeat customers, and scores
 * every customer (P(alive), expected purchases, 12-month discounted CLV) with the engine's own API.
 *
 * Target: total ≤ 5 s and every parameter within 2 % of the generating one. The reference on this machine is
 * the Python library lifetimes doing the same work: 25.7 s in total (BG/NBD fit 12 s), 566 MiB.
 * Prints one JSON line on stdout (a short table on stderr); exits non-zero if the target is missed.
 */
import { fitGammaGamma } from "../../lib/domain/clv/gamma-gamma";
import { fitPurchaseModel } from "../../lib/domain/clv/purchase-model";
import { scoreCustomers } from "../../lib/domain/clv/score-customers";
import { simulateCustomers } from "../../lib/domain/clv/simulate";
import { groupTuples } from "../../lib/domain/clv/weighted-tuples";
import type { Figure } from "./figures";

const CUSTOMERS = 1_000_000;
const SEED = 20_050_301;
const TARGET_SECONDS = 5;
const TARGET_RELATIVE_ERROR = 0.02;
// Published CDNOW values (Fader, Hardie & Lee 2005; Fader & Hardie 2013), with γ in cents because the engine
// takes money in minor units.
const PURCHASE = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const SPEND = { p: 6.25, q: 3.74, gamma: 1544 };
const log = (line: string) => process.stderr.write(`${line}\n`);

const phases: Record<string, number> = {};
function timed<T>(name: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  phases[name] = (performance.now() - started) / 1000;
  return result;
}

const customers = timed("simulate", () =>
  simulateCustomers({ customers: CUSTOMERS, purchase: PURCHASE, spend: SPEND, cohortPeriods: 12, observationPeriods: 104, seed: SEED }),
);
const { bgnbd, tuples } = timed("fitBgnbd", () => {
  const { tuples } = groupTuples(customers.frequency, customers.recency, customers.T);
  return { tuples, bgnbd: fitPurchaseModel("bgnbd", tuples) };
});
const gammaGamma = timed("fitGammaGamma", () => fitGammaGamma(customers));
if (!bgnbd.ok || !gammaGamma.ok) {
  log(`a fit failed: ${JSON.stringify({ bgnbd, gammaGamma })}`);
  process.exit(1);
}
const scores = timed("score", () =>
  scoreCustomers({ purchase: bgnbd, spend: gammaGamma }, customers, { unit: "week", horizonMonths: 12, monthlyDiscountRate: 0.01, grossMargin: 1 }),
);

const totalSeconds = Object.values(phases).reduce((sum, s) => sum + s, 0);
const peakMemoryMiB = process.resourceUsage().maxRSS / 1024;
const generating: Record<string, number> = { ...PURCHASE, ...SPEND };
const recovered: Record<string, number> = { ...bgnbd.params, ...gammaGamma.params };
const relativeError = Object.fromEntries(Object.keys(generating).map((k) => [k, recovered[k]! / generating[k]! - 1]));
const worstError = Math.max(...Object.values(relativeError).map(Math.abs));
const mean = (values: Float64Array) => values.reduce((s, v) => s + v, 0) / values.length;
const meetsTarget = totalSeconds <= TARGET_SECONDS && worstError <= TARGET_RELATIVE_ERROR;

const round = (value: number, digits = 3) => Number(value.toFixed(digits));
for (const [name, seconds] of Object.entries(phases)) log(`${name.padEnd(14)} ${seconds.toFixed(3).padStart(7)} s`);
log(`${"total".padEnd(14)} ${totalSeconds.toFixed(3).padStart(7)} s   (target ≤ ${TARGET_SECONDS} s; lifetimes 25.7 s)`);
log(`peak memory    ${peakMemoryMiB.toFixed(0).padStart(7)} MiB (lifetimes 566 MiB)`);
for (const k of Object.keys(generating)) log(`${k.padEnd(6)} ${String(generating[k]).padStart(8)} → ${recovered[k]!.toFixed(4).padStart(10)}  (${(relativeError[k]! * 100).toFixed(2)} %)`);

console.log(
  JSON.stringify({
    benchmark: "clv",
    customers: CUSTOMERS,
    seed: SEED,
    distinctTuples: tuples.size,
    repeatCustomers: gammaGamma.customers,
    phasesSeconds: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, round(v)])),
    totalSeconds: round(totalSeconds),
    peakMemoryMiB: round(peakMemoryMiB, 0),
    converged: { bgnbd: bgnbd.converged, gammaGamma: gammaGamma.converged },
    generating,
    recovered: Object.fromEntries(Object.entries(recovered).map(([k, v]) => [k, round(v, 4)])),
    relativeError: Object.fromEntries(Object.entries(relativeError).map(([k, v]) => [k, round(v, 4)])),
    scores: { meanProbabilityAlive: round(mean(scores.probabilityAlive), 4), meanDiscountedClvMinor: round(mean(scores.discountedClvMinor!), 1) },
    target: { totalSeconds: TARGET_SECONDS, relativeError: TARGET_RELATIVE_ERROR },
    reference: { library: "lifetimes (Python)", totalSeconds: 25.7, bgnbdFitSeconds: 12, peakMemoryMiB: 566 },
    meetsTarget,
    figures: [
      { name: "clv: 1M customers, fit + 12-month CLV, total", value: round(totalSeconds), unit: "s", target: `≤ ${TARGET_SECONDS}`, meetsTarget: totalSeconds <= TARGET_SECONDS },
      { name: "clv: BG/NBD fit", value: round(phases.fitBgnbd ?? 0), unit: "s" },
      { name: "clv: peak memory", value: round(peakMemoryMiB, 0), unit: "MiB" },
      { name: "clv: worst parameter error", value: round(worstError * 100, 2), unit: "%", target: `≤ ${TARGET_RELATIVE_ERROR * 100}`, meetsTarget: worstError <= TARGET_RELATIVE_ERROR },
    ] satisfies Figure[],
  }),
);
process.exit(meetsTarget ? 0 : 1);
