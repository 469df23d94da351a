/**
 * What a fitted Pareto/NBD says about customers (Schmittlein, Morrison & Colombo 1987; Fader & Hardie, note 009).
 */
import type { ParetoNbdParams } from "./pareto-nbd";
import { paretoNbdLogA0 } from "./pareto-nbd";
import { oneMinusExpOver } from "./special-functions";

/** P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀), evaluated in log space. */
export function paretoNbdProbabilityAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const logA0 = paretoNbdLogA0(p, x, tx, T);
  if (logA0 === -Infinity) return 1;
  const logOdds = Math.log(p.s / (p.r + p.s + x)) + (p.r + x) * Math.log(p.alpha + T) + p.s * Math.log(p.beta + T) + logA0;
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[X(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive).
 * The bracket over s − 1 is computed as one function of s − 1, so s = 1 (a finite limit) needs no special case.
 */
export function paretoNbdExpectedPurchases(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const growth = oneMinusExpOver(p.s - 1, -Math.log1p(t / (p.beta + T)));
  return ((p.r + x) / (p.alpha + T)) * (p.beta + T) * growth * paretoNbdProbabilityAlive(p, x, tx, T);
}

/** E[X(t)] for a new customer: rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)]. */
export function paretoNbdExpectedPurchasesNew(p: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0;
  return (p.r / p.alpha) * p.beta * oneMinusExpOver(p.s - 1, -Math.log1p(t / p.beta));
}
