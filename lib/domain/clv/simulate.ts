/**
 * Simulated customers from known BG/NBD and Gamma-Gamma parameters, for the benchmark and for tests that fit
 * the models back. Time runs in whole periods (e.g. weeks), so that many customers share a tuple:
 * - each customer makes a first purchase at the start of one of the first `cohortPeriods` periods;
 * - while alive they buy as a Poisson process with rate λ ~ Gamma(r, α) per period and drop out after each
 *   repeat purchase with probability p ~ Beta(a, b) (BG/NBD, Fader, Hardie & Lee 2005, section 2);
 * - every transaction counts, and the last one is recorded in the nearest whole period.
 * The last two points keep the data faithful to the continuous-time model: merging purchases that fall in the
 * same week, or flooring their times, is what a summary of real transactions does, but on simulated data it
 * biases the recovered α by 5–30 % (measured), which would test the simulation rather than the fit.
 * The mean repeat spend of a customer with x repeat purchases is drawn as Gamma(p·x, ν·x) with ν ~ Gamma(q, γ):
 * exactly the distribution of the mean of x Gamma(p, ν) amounts (Gamma-Gamma, Fader & Hardie 2013).
 */
import type { BgnbdParams } from "./bgnbd";
import type { GammaGammaParams } from "./gamma-gamma";
import { seededRandom } from "./random";

export type SimulationOptions = {
  customers: number;
  purchase: BgnbdParams;
  spend: GammaGammaParams;
  /** First purchases are spread over this many periods. */
  cohortPeriods: number;
  /** Observation ends this many periods after the first cohort's start. */
  observationPeriods: number;
  seed: number;
};

export type SimulatedCustomers = {
  frequency: Int32Array;
  recency: Int32Array;
  T: Int32Array;
  monetaryValue: Float64Array;
};

export function simulateCustomers(options: SimulationOptions): SimulatedCustomers {
  const { customers, purchase, spend, cohortPeriods, observationPeriods } = options;
  const random = seededRandom(options.seed);
  const frequency = new Int32Array(customers);
  const recency = new Int32Array(customers);
  const T = new Int32Array(customers);
  const monetaryValue = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const start = Math.floor(random.uniform() * cohortPeriods);
    const age = observationPeriods - start;
    const lambda = random.gamma(purchase.r, purchase.alpha);
    const dropout = random.beta(purchase.a, purchase.b);
    let time = 0;
    let last = 0;
    let x = 0;
    for (;;) {
      time += random.exponential() / lambda;
      if (!(time < age)) break;
      x++;
      last = time;
      if (random.uniform() < dropout) break;
    }
    frequency[i] = x;
    recency[i] = Math.min(Math.round(last), age);
    T[i] = age;
    if (x > 0) {
      const nu = random.gamma(spend.q, spend.gamma);
      monetaryValue[i] = random.gamma(spend.p * x, nu * x);
    }
  }
  return { frequency, recency, T, monetaryValue };
}
