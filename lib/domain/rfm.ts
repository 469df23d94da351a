/**
 * RFM: recency, frequency and monetary scores 1–5 by quantile, and the named group a score triple falls into.
 * The mapping is documented for managers in docs/rfm-groups.md; keep the two in step.
 */

export const RFM_GROUPS = ["champions", "loyal", "promising", "needs_attention", "at_risk", "cant_lose", "hibernating", "lost"] as const;
export type RfmGroup = (typeof RFM_GROUPS)[number];

/** Quintiles. Admins may move the edges (see assertRfmEdges for what is allowed). */
export const DEFAULT_RFM_EDGES: readonly number[] = [0.2, 0.4, 0.6, 0.8];

export type RfmInput = {
  /** Days since the last order: fewer is better. */
  recencyDays: ArrayLike<number>;
  /** Number of orders: more is better. */
  frequency: ArrayLike<number>;
  /** Money spent in minor units: more is better. */
  monetaryMinor: ArrayLike<number>;
};

export type RfmScores = { recency: Uint8Array; frequency: Uint8Array; monetary: Uint8Array };

/** Four strictly increasing shares strictly between 0 and 1, so every score 1..5 stays reachable. */
export function assertRfmEdges(edges: readonly number[]): void {
  if (edges.length !== 4) throw new RangeError(`RFM needs 4 bin edges, got ${edges.length}.`);
  let previous = 0;
  for (const edge of edges) {
    if (!(edge > previous && edge < 1)) {
      throw new RangeError(`RFM bin edges must increase strictly between 0 and 1, got ${edges.join(", ")}.`);
    }
    previous = edge;
  }
}

/**
 * Scores every customer 1..5 on each of R, F and M. A customer's rank is the share of customers with a strictly
 * worse value, so equal values always get equal scores (with a plain rank, ties would split across a bin edge
 * by an arbitrary order, and two customers with 1 order each could score 1 and 2). Many customers share
 * frequency 1, so the low scores of F can be empty: that is the data, not a bug.
 */
export function rfmScores(input: RfmInput, edges: readonly number[] = DEFAULT_RFM_EDGES): RfmScores {
  assertRfmEdges(edges);
  const n = input.recencyDays.length;
  if (input.frequency.length !== n || input.monetaryMinor.length !== n) {
    throw new RangeError("RFM columns must have one value per customer.");
  }
  return {
    recency: scoreColumn(input.recencyDays, "lessIsBetter", edges, "recencyDays"),
    frequency: scoreColumn(input.frequency, "moreIsBetter", edges, "frequency"),
    monetary: scoreColumn(input.monetaryMinor, "moreIsBetter", edges, "monetaryMinor"),
  };
}

/**
 * One native sort per column, then four comparisons per customer. "At least a share e of customers is strictly
 * worse" is "at least k = ⌈e·n⌉ are", which for more-is-better means the value beats the k-th smallest; so each
 * edge becomes a cut value and no customer needs a search of their own.
 */
function scoreColumn(values: ArrayLike<number>, direction: "lessIsBetter" | "moreIsBetter", edges: readonly number[], name: string): Uint8Array {
  const n = values.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) throw new RangeError(`RFM ${name} must be finite numbers, got ${value} at ${i}.`);
    sorted[i] = value;
  }
  sorted.sort();
  const scores = new Uint8Array(n);
  if (n === 0) return scores;
  const cuts = edges.map((edge) => {
    const k = worseNeeded(edge, n);
    return direction === "moreIsBetter" ? (sorted[k - 1] as number) : (sorted[n - k] as number);
  });
  const [c1, c2, c3, c4] = cuts as [number, number, number, number];
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    scores[i] =
      direction === "moreIsBetter"
        ? 1 + +(value > c1) + +(value > c2) + +(value > c3) + +(value > c4)
        : 1 + +(value < c1) + +(value < c2) + +(value < c3) + +(value < c4);
  }
  return scores;
}

/**
 * The fewest strictly worse customers (out of n) whose share k / n reaches the edge. k / n is correctly rounded,
 * so a share that is exactly an edge (1/5 and 0.2) compares equal; ⌈e·n⌉ is only a first guess because e·n is not.
 */
function worseNeeded(edge: number, n: number): number {
  let k = Math.min(n, Math.ceil(edge * n));
  while (k > 1 && (k - 1) / n >= edge) k--;
  while (k / n < edge) k++;
  return k;
}

/**
 * The named group of a score triple. F and M are averaged into one FM score (halves round up), then the grid
 * of docs/rfm-groups.md applies; every one of the 125 triples lands in exactly one group.
 */
export function rfmGroup(r: number, f: number, m: number): RfmGroup {
  for (const score of [r, f, m]) {
    if (!(Number.isInteger(score) && score >= 1 && score <= 5)) throw new RangeError(`RFM scores are whole numbers 1..5, got ${score}.`);
  }
  const fm = Math.ceil((f + m) / 2);
  if (r >= 4 && fm >= 4) return "champions";
  if (r >= 3 && fm >= 3) return "loyal";
  if (r >= 4) return "promising";
  if (r === 3) return "needs_attention";
  if (fm === 5) return "cant_lose";
  if (fm >= 3) return "at_risk";
  return r === 2 ? "hibernating" : "lost";
}

export function isRfmGroup(value: string): value is RfmGroup {
  return (RFM_GROUPS as readonly string[]).includes(value);
}
