/**
 * The VIP label: predicted (or total) CLV at or above a line, drawn either as an amount or as the top N % of
 * customers. Two lines give hysteresis: a customer enters at the higher one and leaves only below the lower one,
 * so a VIP whose value wobbles around the entry line does not flap in and out (each flap would be a membership
 * event, a timeline entry and possibly a workflow run).
 */
export type VipRule = {
  basis: "predicted" | "total";
  mode: "amount" | "topPercent";
  enterAmountMinor: number;
  exitAmountMinor: number;
  enterTopPercent: number;
  exitTopPercent: number;
};

/**
 * Total CLV by default: a VIP is someone who is worth a lot overall, so a big customer who starts to slip stays a
 * VIP and shows up as an at-risk VIP (on predicted value alone, they would quietly stop being a VIP instead).
 */
export const DEFAULT_VIP_RULE: VipRule = {
  basis: "total",
  mode: "topPercent",
  enterAmountMinor: 100_000,
  exitAmountMinor: 80_000,
  enterTopPercent: 5,
  exitTopPercent: 7,
};

export type VipLines = { enterMinor: number; exitMinor: number };

/** Nobody reaches this line: the lines when no customer has a positive value. Finite, so it survives JSON and SQL. */
export const UNREACHABLE_LINE = Number.MAX_SAFE_INTEGER;

export function validateVipRule(rule: VipRule): void {
  if (rule.basis !== "predicted" && rule.basis !== "total") throw new RangeError(`Unknown VIP basis: ${String(rule.basis)}.`);
  if (rule.mode !== "amount" && rule.mode !== "topPercent") throw new RangeError(`Unknown VIP mode: ${String(rule.mode)}.`);
  // A line of 0 would make every customer a VIP, even one who never bought anything.
  for (const amount of [rule.enterAmountMinor, rule.exitAmountMinor]) {
    if (!(Number.isSafeInteger(amount) && amount > 0)) throw new RangeError(`VIP amounts are whole minor units > 0, got ${amount}.`);
  }
  if (rule.exitAmountMinor > rule.enterAmountMinor) {
    throw new RangeError(`The VIP exit amount (${rule.exitAmountMinor}) must not be above the entry amount (${rule.enterAmountMinor}).`);
  }
  for (const percent of [rule.enterTopPercent, rule.exitTopPercent]) {
    if (!(percent > 0 && percent <= 100)) throw new RangeError(`VIP shares are percentages in (0, 100], got ${percent}.`);
  }
  if (rule.exitTopPercent < rule.enterTopPercent) {
    throw new RangeError(`The VIP exit share (${rule.exitTopPercent} %) must not be below the entry share (${rule.enterTopPercent} %).`);
  }
}

/**
 * The entry and exit lines for this rule over the customers' basis values (predicted or total CLV, in minor
 * units). In top-percent mode the entry line is the smallest of the top ⌈N % × n⌉ positive values, so customers
 * tied at the line are all in, and n counts only positive values: a customer worth nothing is never a VIP, and a
 * base full of zero-value customers does not dilute the top 5 %.
 */
export function vipLines(rule: VipRule, basisValues: ArrayLike<number>): VipLines {
  validateVipRule(rule);
  if (rule.mode === "amount") return { enterMinor: rule.enterAmountMinor, exitMinor: rule.exitAmountMinor };
  const positive = positiveDescending(basisValues);
  return { enterMinor: topPercentLine(positive, rule.enterTopPercent), exitMinor: topPercentLine(positive, rule.exitTopPercent) };
}

function positiveDescending(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > 0) count++;
  const positive = new Float64Array(count);
  let next = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value > 0) positive[next++] = value;
  }
  return positive.sort().reverse();
}

function topPercentLine(descending: Float64Array, percent: number): number {
  const n = descending.length;
  if (n === 0) return UNREACHABLE_LINE;
  // In whole millionths of a percent, ⌈p·n / 100⌉ is exact integer arithmetic: 7 % of 100 is 7 customers, where
  // the floating-point 0.07 × 100 = 7.000000000000001 would round up to 8.
  const micro = Math.round(percent * 1e6);
  const count = Math.min(n, Math.max(1, Math.ceil((micro * n) / 1e8)));
  return descending[count - 1] as number;
}

/** Hysteresis: in at or above the entry line; a current VIP stays in down to the exit line. No value, no VIP. */
export function isVip(value: number | null, wasVip: boolean, lines: VipLines): boolean {
  if (value === null || value <= 0) return false;
  return value >= lines.enterMinor || (wasVip && value >= lines.exitMinor);
}
