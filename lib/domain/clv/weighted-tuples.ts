/**
 * The likelihoods of BG/NBD and Pareto/NBD depend on a customer only through (x, t_x, T). With time in whole
 * periods many customers share a tuple, so the fits evaluate each distinct tuple once, with its count as weight
 * (a million simulated customers in weeks collapse to a few ten thousand tuples).
 */
import { type CustomerSummary, validateSummary } from "./customer-summary";

export type WeightedTuples = {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** Number of distinct tuples. */
  size: number;
  /** Number of customers (sum of the weights). */
  customers: number;
};

export type GroupedTuples = {
  tuples: WeightedTuples;
  /** For each input customer, the index of its tuple. */
  tupleOf: Int32Array;
};

const SHIFT_T = 2 ** 20;
const SHIFT_TX = 2 ** 40;

/** Groups customers by identical (x, t_x, T); the first occurrence fixes a tuple's position. */
export function groupTuples(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): GroupedTuples {
  const n = x.length;
  const tupleOf = new Int32Array(n);
  const ux: number[] = [];
  const utx: number[] = [];
  const uT: number[] = [];
  const weight: number[] = [];
  const numericKeys = canPackKeys(x, tx, T);
  const index = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const key = numericKeys ? x[i]! * SHIFT_TX + tx[i]! * SHIFT_T + T[i]! : `${x[i]}|${tx[i]}|${T[i]}`;
    let k = index.get(key);
    if (k === undefined) {
      k = ux.length;
      index.set(key, k);
      ux.push(x[i]!);
      utx.push(tx[i]!);
      uT.push(T[i]!);
      weight.push(0);
    }
    weight[k]! += 1;
    tupleOf[i] = k;
  }
  return {
    tuples: {
      x: Float64Array.from(ux),
      tx: Float64Array.from(utx),
      T: Float64Array.from(uT),
      weight: Float64Array.from(weight),
      size: ux.length,
      customers: n,
    },
    tupleOf,
  };
}

/** Whole numbers below 2²⁰ (2¹³ for x) pack into one exact double, which hashes much faster than a string. */
function canPackKeys(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = tx[i]!;
    const c = T[i]!;
    if (!(Number.isInteger(b) && Number.isInteger(c) && Number.isInteger(a)) || a >= 2 ** 13 || b >= SHIFT_T || c >= SHIFT_T || a < 0 || b < 0 || c < 0) {
      return false;
    }
  }
  return true;
}

/** Validates the summaries (throws ClvInputError on the first bad row) and groups them into weighted tuples. */
export function tuplesFromSummaries(rows: readonly CustomerSummary[]): GroupedTuples {
  rows.forEach(validateSummary);
  return groupTuples(
    rows.map((r) => r.frequency),
    rows.map((r) => r.recency),
    rows.map((r) => r.T),
  );
}
