/**
 * The few special functions the CLV models need, for positive real arguments. Written here rather than taken
 * from a library because the models need only these, the tests pin them to known values, and the hot loops of
 * the fits call them millions of times (no per-call allocation, no generality we do not use).
 */

// Lanczos approximation, g = 7, n = 9 (the coefficients published by Paul Godfrey; about 15 significant digits).
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (and the reflection formula for non-integer x < 0.5). */
export function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  if (x > 1e7) {
    // Stirling's series; the Lanczos sum adds nothing here and loses digits to the large terms.
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + 1 / (12 * x);
  }
  const y = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS_G + 2; i++) sum += LANCZOS[i]! / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ψ(x) = d/dx ln Γ(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series. */
export function digamma(x: number): number {
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  return (
    result +
    Math.log(x) -
    0.5 * inv -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))))
  );
}

/** ln(e^a + e^b) without overflow; either side may be −∞. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln(e^a − e^b) for a ≥ b; −∞ when they are equal. */
export function logSubExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (b > a) return Number.NaN;
  if (b === a) return -Infinity;
  const d = b - a;
  // Mächler's log1mexp: the two branches keep full precision on either side of ln 2.
  return a + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}

/**
 * (1 − e^{εL}) / ε, which tends to −L as ε → 0. BG/NBD and Pareto/NBD both divide by a parameter minus one
 * (a − 1, s − 1); written this way the formulas stay exact when that parameter is at or near one.
 */
export function oneMinusExpOver(epsilon: number, logBase: number): number {
  if (epsilon === 0) return -logBase;
  return -Math.expm1(epsilon * logBase) / epsilon;
}
