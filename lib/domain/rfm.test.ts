import { describe, expect, it } from "vitest";
import { seededRandom } from "./clv/random";
import { DEFAULT_RFM_EDGES, RFM_GROUPS, type RfmGroup, rfmGroup, rfmScores } from "./rfm";

const scoresOf = (values: number[], column: "recency" | "frequency" | "monetary", edges = DEFAULT_RFM_EDGES) => {
  const zeros = values.map(() => 0);
  const input = {
    recencyDays: column === "recency" ? values : zeros,
    frequency: column === "frequency" ? values : zeros,
    monetaryMinor: column === "monetary" ? values : zeros,
  };
  return [...rfmScores(input, edges)[column]];
};

describe("RFM scores", () => {
  it("gives quintile scores 1..5 when every value differs", () => {
    expect(scoresOf([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], "frequency")).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(scoresOf([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], "monetary")).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it("scores recency the other way round: fewer days since the last order is better", () => {
    expect(scoresOf([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], "recency")).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it("gives equal values the same score, ranked by the share of strictly worse customers", () => {
    // Six of ten customers ordered once: nobody is worse than them, so all six score 1; the 2s have 60 % below.
    expect(scoresOf([1, 1, 1, 1, 1, 1, 2, 2, 3, 9], "frequency")).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(scoresOf([5, 5, 5, 5], "recency")).toEqual([1, 1, 1, 1]);
  });

  it("counts a share exactly on an edge as reaching it", () => {
    // With five customers the shares are 0, 0.2, 0.4, 0.6, 0.8: each one is an edge.
    expect(scoresOf([1, 2, 3, 4, 5], "monetary")).toEqual([1, 2, 3, 4, 5]);
  });

  it("uses the admin's edges", () => {
    expect(scoresOf([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], "monetary", [0.5, 0.7, 0.8, 0.9])).toEqual([1, 1, 1, 1, 1, 2, 2, 3, 4, 5]);
  });

  it("scores nobody when there is nobody, and one customer alone scores 1", () => {
    expect(scoresOf([], "monetary")).toEqual([]);
    expect(scoresOf([42], "monetary")).toEqual([1]);
  });

  it.each([
    [[0.2, 0.4, 0.6]],
    [[0.2, 0.4, 0.6, 0.8, 0.9]],
    [[0, 0.4, 0.6, 0.8]],
    [[0.2, 0.4, 0.6, 1]],
    [[0.2, 0.4, 0.4, 0.8]],
    [[0.4, 0.2, 0.6, 0.8]],
    [[0.2, Number.NaN, 0.6, 0.8]],
  ])("rejects edges %j that are not 4 strictly increasing shares in (0, 1)", (edges) => {
    expect(() => scoresOf([1, 2], "monetary", edges)).toThrow(RangeError);
  });

  it("rejects columns of different lengths and values that are not finite", () => {
    expect(() => rfmScores({ recencyDays: [1, 2], frequency: [1], monetaryMinor: [1, 2] })).toThrow(RangeError);
    expect(() => scoresOf([1, Number.NaN], "recency")).toThrow(RangeError);
  });

  it.each([
    [DEFAULT_RFM_EDGES, 500],
    [[0.1, 0.35, 0.5, 0.95], 333],
    [[0.3, 0.6, 0.7, 0.9], 7],
  ])("agrees with a brute-force count of strictly worse customers on random data with ties (edges %j, n=%i)", (edges, n) => {
    const random = seededRandom(n);
    const frequency = Array.from({ length: n }, () => 1 + Math.floor(random.exponential() * 2));
    const recency = Array.from({ length: n }, () => Math.floor(random.uniform() * 50));
    const expected = (values: number[], isWorse: (other: number, value: number) => boolean) =>
      values.map((value) => {
        const share = values.filter((other) => isWorse(other, value)).length / n;
        return 1 + edges.filter((edge) => share >= edge).length;
      });
    expect(scoresOf(frequency, "frequency", edges)).toEqual(expected(frequency, (other, value) => other < value));
    expect(scoresOf(recency, "recency", edges)).toEqual(expected(recency, (other, value) => other > value));
  });
});

describe("RFM groups", () => {
  const scores = [1, 2, 3, 4, 5];
  const fmOf = (f: number, m: number) => Math.ceil((f + m) / 2);
  /** The grid of docs/rfm-groups.md, written out as predicates so each one is checked on its own. */
  const grid: Record<RfmGroup, (r: number, fm: number) => boolean> = {
    champions: (r, fm) => r >= 4 && fm >= 4,
    loyal: (r, fm) => r >= 3 && fm >= 3 && !(r >= 4 && fm >= 4),
    promising: (r, fm) => r >= 4 && fm <= 2,
    needs_attention: (r, fm) => r === 3 && fm <= 2,
    cant_lose: (r, fm) => r <= 2 && fm === 5,
    at_risk: (r, fm) => r <= 2 && fm >= 3 && fm <= 4,
    hibernating: (r, fm) => r === 2 && fm <= 2,
    lost: (r, fm) => r === 1 && fm <= 2,
  };

  it("puts every one of the 125 score triples in exactly one group, the one the grid says", () => {
    const seen = new Set<RfmGroup>();
    for (const r of scores) {
      for (const f of scores) {
        for (const m of scores) {
          const matching = RFM_GROUPS.filter((group) => grid[group](r, fmOf(f, m)));
          expect(matching, `r=${r} f=${f} m=${m}`).toHaveLength(1);
          expect(rfmGroup(r, f, m)).toBe(matching[0]);
          seen.add(rfmGroup(r, f, m));
        }
      }
    }
    expect([...seen].sort()).toEqual([...RFM_GROUPS].sort());
  });

  it.each<[RfmGroup, number, number, number]>([
    ["champions", 5, 5, 5],
    ["champions", 4, 4, 4],
    ["champions", 4, 4, 3], // FM 3.5 rounds up to 4
    ["loyal", 4, 3, 3],
    ["loyal", 3, 5, 5],
    ["loyal", 3, 3, 2], // FM 2.5 rounds up to 3
    ["promising", 5, 1, 1],
    ["promising", 4, 2, 2],
    ["promising", 5, 2, 1], // FM 1.5 rounds up to 2
    ["needs_attention", 3, 2, 2],
    ["needs_attention", 3, 1, 1],
    ["cant_lose", 2, 5, 5],
    ["cant_lose", 1, 5, 4], // FM 4.5 rounds up to 5
    ["at_risk", 2, 4, 4],
    ["at_risk", 1, 3, 3],
    ["at_risk", 2, 3, 2],
    ["hibernating", 2, 2, 2],
    ["hibernating", 2, 1, 1],
    ["lost", 1, 2, 2],
    ["lost", 1, 1, 1],
  ])("maps to %s at R=%i F=%i M=%i", (group, r, f, m) => {
    expect(rfmGroup(r, f, m)).toBe(group);
  });

  it.each([[0, 3, 3], [6, 3, 3], [3, 2.5, 3], [3, 3, Number.NaN]])("rejects scores outside whole numbers 1..5: %j", (r, f, m) => {
    expect(() => rfmGroup(r, f, m)).toThrow(RangeError);
  });
});
