/** Small text helpers shared by the model-quality parts. */

export type Unavailable = { cause?: string; message?: string } | undefined;

const GREEK: Record<string, string> = { alpha: "α", beta: "β", gamma: "γ" };

/** A parameter's name as the papers write it (α, β, γ). */
export function parameterName(name: string): string {
  return GREEK[name] ?? name;
}

/** The order the papers list them in: BG/NBD r, α, a, b; Pareto/NBD r, α, s, β; Gamma-Gamma p, q, γ. */
const PARAMETER_ORDER = ["r", "alpha", "a", "b", "s", "beta", "p", "q", "gamma"];
const rank = (name: string) => (PARAMETER_ORDER.includes(name) ? PARAMETER_ORDER.indexOf(name) : PARAMETER_ORDER.length);

/** A fit's parameters when they are a record of finite numbers, in the papers' order (JSONB keeps its own). */
export function readParams(value: unknown): [string, number][] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1]))
    .sort(([p], [q]) => rank(p) - rank(q));
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
