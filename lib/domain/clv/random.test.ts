import { describe, expect, it } from "vitest";
import { seededRandom } from "./random";

const N = 200_000;

function moments(draw: () => number) {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < N; i++) {
    const v = draw();
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / N;
  return { mean, variance: sumSq / N - mean * mean };
}

describe("seeded random source", () => {
  it("repeats exactly for the same seed and differs for another", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(first);
    expect(first.every((u) => u >= 0 && u < 1)).toBe(true);
  });

  // Sample moments within about five standard errors of the exact ones.
  it.each([
    ["uniform", (r: ReturnType<typeof seededRandom>) => r.uniform(), 0.5, 1 / 12],
    ["normal", (r: ReturnType<typeof seededRandom>) => r.normal(), 0, 1],
    ["gamma(0.243, 4.414)", (r: ReturnType<typeof seededRandom>) => r.gamma(0.243, 4.414), 0.243 / 4.414, 0.243 / 4.414 ** 2],
    ["gamma(6.25, 2)", (r: ReturnType<typeof seededRandom>) => r.gamma(6.25, 2), 3.125, 6.25 / 4],
    ["beta(0.793, 2.426)", (r: ReturnType<typeof seededRandom>) => r.beta(0.793, 2.426), 0.793 / 3.219, (0.793 * 2.426) / (3.219 ** 2 * 4.219)],
    ["poisson(3.5)", (r: ReturnType<typeof seededRandom>) => r.poisson(3.5), 3.5, 3.5],
    ["poisson(80)", (r: ReturnType<typeof seededRandom>) => r.poisson(80), 80, 80],
  ])("%s has the right mean and variance", (_name, draw, mean, variance) => {
    const random = seededRandom(7);
    const m = moments(() => draw(random));
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / N));
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.05);
  });
});
