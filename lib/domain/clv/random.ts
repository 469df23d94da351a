/**
 * A small seeded random source for simulations and tests, so a run can be repeated exactly: xoshiro128**
 * (Blackman & Vigna) seeded through splitmix32, 53-bit uniforms, and the samplers the CLV simulations need.
 */
export type Random = {
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard exponential. */
  exponential(): number;
  /** Standard normal (Marsaglia's polar method). */
  normal(): number;
  /** Gamma with the given shape and rate (mean shape/rate): Marsaglia & Tsang (2000), with the shape < 1 boost. */
  gamma(shape: number, rate: number): number;
  /** Beta(a, b) as X/(X+Y) from two gammas. */
  beta(a: number, b: number): number;
  /** Poisson with the given mean: Knuth's product method up to 30, a gamma-Poisson split above. */
  poisson(mean: number): number;
};

export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1;
  const next = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const uniform = () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  let spareNormal: number | null = null;
  const normal = () => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    spareNormal = v * f;
    return u * f;
  };
  const standardGamma = (shape: number): number => {
    if (shape < 1) return standardGamma(shape + 1) * Math.pow(1 - uniform(), 1 / shape);
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - uniform();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
    }
  };
  const poisson = (mean: number): number => {
    if (mean <= 0) return 0;
    if (mean > 30) {
      // The n-th arrival of a unit-rate process is Gamma(n): if it comes after `mean`, the count is below n.
      const n = Math.floor(mean * 0.875);
      const arrival = standardGamma(n);
      return arrival > mean ? binomial(n - 1, mean / arrival) : n + poisson(mean - arrival);
    }
    const limit = Math.exp(-mean);
    let k = 0;
    let product = 1 - uniform();
    while (product > limit) {
      k++;
      product *= 1 - uniform();
    }
    return k;
  };
  const binomial = (n: number, p: number): number => {
    let k = 0;
    for (let i = 0; i < n; i++) if (uniform() < p) k++;
    return k;
  };
  return {
    uniform,
    exponential: () => -Math.log(1 - uniform()),
    normal,
    gamma: (shape, rate) => standardGamma(shape) / rate,
    beta: (p, q) => {
      const x = standardGamma(p);
      return x / (x + standardGamma(q));
    },
    poisson,
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
