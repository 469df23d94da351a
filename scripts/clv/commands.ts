/**
 * The five commands. Each reads its inputs, calls the engine and returns what goes to stdout plus an exit
 * code; main.ts does the printing. Not-enough-data results are printed as JSON too (exit code 3).
 */
import { backtestPurchaseModels } from "@/lib/domain/clv/backtest";
import type { BgnbdParams } from "@/lib/domain/clv/bgnbd";
import type { NotEnoughData } from "@/lib/domain/clv/fit-result";
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from "@/lib/domain/clv/gamma-gamma";
import type { ParetoNbdParams } from "@/lib/domain/clv/pareto-nbd";
import { expectedPurchases, fitPurchaseModel, probabilityAlive, type PurchaseModel } from "@/lib/domain/clv/purchase-model";
import { summarizeCalibrationHoldout, summarizeTransactions, type TimeUnit } from "@/lib/domain/clv/summarize-transactions";
import { groupTuples } from "@/lib/domain/clv/weighted-tuples";
import { CliError } from "./cli-error";
import { choice, dayOption, positiveNumber } from "./parse-args";
import { assertHasRows, readPurchaseSummaries, readSpendSummaries } from "./read-summaries";
import { readTransactions, TRANSACTION_FORMATS } from "./read-transactions";

export type CommandResult = { stdout: string; exitCode: number; message?: string };

const EXIT_NOT_ENOUGH_DATA = 3;
const PARAM_NAMES = { bgnbd: ["r", "alpha", "a", "b"], pnbd: ["r", "alpha", "s", "beta"], gg: ["p", "q", "gamma"] } as const;
const UNITS: readonly TimeUnit[] = ["day", "week"];

function notEnough(model: string, result: NotEnoughData): CommandResult {
  return {
    stdout: `${JSON.stringify({ model, ...result })}\n`,
    exitCode: EXIT_NOT_ENOUGH_DATA,
    message: `not enough data to fit ${model}: ${result.message}`,
  };
}

export function runFit(options: Map<string, string>): CommandResult {
  const model = choice("fit", "model", options.get("model")!, ["bgnbd", "pnbd", "gg"] as const);
  const file = options.get("input")!;
  if (model === "gg") {
    const rows = readSpendSummaries(file);
    assertHasRows(file, rows);
    const fit = fitGammaGamma({ frequency: rows.map((r) => r.frequency), monetaryValue: rows.map((r) => r.monetaryValue ?? 0) });
    if (!fit.ok) return notEnough(model, fit);
    return fitOutput(model, fit.params, fit.logLikelihood, fit.converged);
  }
  const rows = readPurchaseSummaries(file);
  assertHasRows(file, rows);
  const { tuples } = groupTuples(
    rows.map((r) => r.frequency),
    rows.map((r) => r.recency),
    rows.map((r) => r.T),
  );
  const fit = fitPurchaseModel(model, tuples);
  if (!fit.ok) return notEnough(model, fit);
  return fitOutput(model, fit.params, fit.logLikelihood, fit.converged);
}

function fitOutput(model: string, params: object, logLikelihood: number, converged: boolean): CommandResult {
  return {
    stdout: `${JSON.stringify({ model, params, logLikelihood, converged })}\n`,
    exitCode: 0,
    message: converged ? undefined : `warning: the ${model} fit did not converge; the parameters are the best found`,
  };
}

/** Parses --params: a JSON object with exactly the model's parameters, each a positive finite number. */
export function parseParams<K extends string>(command: string, text: string, names: readonly K[]): Record<K, number> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${command}: --params is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new CliError(`${command}: --params must be a JSON object`);
  // Accept the output of `fit` as it is, too.
  const record = ("params" in value ? (value as { params: unknown }).params : value) as Record<string, unknown>;
  const params = {} as Record<K, number>;
  for (const name of names) {
    const v = record[name];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new CliError(`${command}: --params needs "${name}" as a positive number`);
    params[name] = v;
  }
  const extra = Object.keys(record).filter((k) => !(names as readonly string[]).includes(k));
  if (extra.length > 0) throw new CliError(`${command}: --params has unknown keys ${extra.join(", ")} (expected ${names.join(", ")})`);
  return params;
}

export function runPredict(options: Map<string, string>): CommandResult {
  const name = choice("predict", "model", options.get("model")!, ["bgnbd", "pnbd"] as const);
  const model: PurchaseModel =
    name === "bgnbd"
      ? { model: name, params: parseParams("predict", options.get("params")!, PARAM_NAMES.bgnbd) as BgnbdParams }
      : { model: name, params: parseParams("predict", options.get("params")!, PARAM_NAMES.pnbd) as ParetoNbdParams };
  const t = positiveNumber("predict", "t", options.get("t")!);
  const rows = readPurchaseSummaries(options.get("input")!);
  const lines = ["pAlive,expectedPurchases"];
  for (const row of rows) {
    const alive = probabilityAlive(model, row.frequency, row.recency, row.T);
    const expected = expectedPurchases(model, t, row.frequency, row.recency, row.T);
    lines.push(`${formatNumber(alive)},${formatNumber(expected)}`);
  }
  return { stdout: `${lines.join("\n")}\n`, exitCode: 0 };
}

export function runSpend(options: Map<string, string>): CommandResult {
  const params = parseParams("spend", options.get("params")!, PARAM_NAMES.gg) as GammaGammaParams;
  const rows = readSpendSummaries(options.get("input")!);
  if (rows.some((r) => r.frequency === 0) && params.q <= 1) {
    throw new CliError("spend: with q ≤ 1 the population mean spend is infinite, so customers without repeat purchases have no expected spend");
  }
  const lines = ["expectedSpend", ...rows.map((r) => formatNumber(gammaGammaExpectedSpend(params, r.frequency, r.monetaryValue ?? 0)))];
  return { stdout: `${lines.join("\n")}\n`, exitCode: 0 };
}

function transactionOptions(command: string, options: Map<string, string>) {
  return {
    purchases: readTransactions(options.get("transactions")!, choice(command, "format", options.get("format")!, TRANSACTION_FORMATS)),
    unit: choice(command, "unit", options.get("unit")!, UNITS),
    period: options.has("period") ? choice(command, "period", options.get("period")!, UNITS) : ("day" as const),
    observationEnd: dayOption(command, "observation-end", options.get("observation-end")!),
  };
}

export function runSummarize(options: Map<string, string>): CommandResult {
  const { purchases, ...summaryOptions } = transactionOptions("summarize", options);
  if (!options.has("calibration-end")) {
    const rows = summarizeTransactions(purchases, summaryOptions);
    const lines = ["id,frequency,recency,T,monetary_value"];
    for (const r of rows) lines.push([csvId(r.customerId), r.frequency, formatNumber(r.recency), formatNumber(r.T), formatNumber(r.monetaryValue)].join(","));
    return { stdout: `${lines.join("\n")}\n`, exitCode: 0 };
  }
  const calibrationEnd = calibrationEndOption("summarize", options, summaryOptions.observationEnd);
  const rows = summarizeCalibrationHoldout(purchases, { ...summaryOptions, calibrationEnd });
  const lines = ["id,frequency,recency,T,monetary_value,frequency_holdout,duration_holdout"];
  for (const r of rows) {
    lines.push(
      [csvId(r.customerId), r.frequency, formatNumber(r.recency), formatNumber(r.T), formatNumber(r.monetaryValue), r.frequencyHoldout, formatNumber(r.durationHoldout)].join(","),
    );
  }
  return { stdout: `${lines.join("\n")}\n`, exitCode: 0 };
}

function calibrationEndOption(command: string, options: Map<string, string>, observationEnd: Date): Date {
  const calibrationEnd = dayOption(command, "calibration-end", options.get("calibration-end")!);
  if (calibrationEnd.getTime() >= observationEnd.getTime()) throw new CliError(`${command}: --calibration-end must be before --observation-end`);
  return calibrationEnd;
}

export function runBacktest(options: Map<string, string>): CommandResult {
  const { purchases, ...summaryOptions } = transactionOptions("backtest", options);
  const calibrationEnd = calibrationEndOption("backtest", options, summaryOptions.observationEnd);
  const rows = summarizeCalibrationHoldout(purchases, { ...summaryOptions, calibrationEnd });
  const result = backtestPurchaseModels(rows);
  if (!result.ok) return notEnough("backtest", result);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const output = {
    unit: summaryOptions.unit,
    period: summaryOptions.period,
    calibrationEnd: day(calibrationEnd),
    observationEnd: day(summaryOptions.observationEnd),
    durationHoldout: rows[0]?.durationHoldout ?? 0,
    ...result,
  };
  const chosen = result.models[result.chosen];
  const message =
    chosen.ok && result.comparison.difference > 0
      ? `${result.chosen} wins: per-customer MAE ${chosen.meanAbsoluteError.toFixed(4)}, ${(result.comparison.relativeDifference * 100).toFixed(1)} % lower than the other model`
      : `${result.chosen} chosen`;
  return { stdout: `${JSON.stringify(output)}\n`, exitCode: 0, message };
}

/** 12 significant digits: enough for any use of these figures, without float noise like 30.428571428571427. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`internal error: a non-finite number (${value}) reached the output`);
  return String(Number(value.toPrecision(12)));
}

function csvId(id: string): string {
  return /[",\r\n]/.test(id) ? `"${id.replaceAll('"', '""')}"` : id;
}
