/**
 * The per-customer input of the probabilistic models, in the Fader–Hardie notation, and its validation.
 * Time is in whatever unit the caller chose (days, weeks); every figure of one data set must use the same unit.
 */
import { AppError } from "../../errors";

export type CustomerSummary = {
  /** Repeat purchases x: distinct purchase periods after the first. A whole number ≥ 0. */
  frequency: number;
  /** t_x: time from the first to the last purchase; 0 when frequency is 0. */
  recency: number;
  /** T: time from the first purchase to the end of observation (the customer's age). */
  T: number;
  /** Mean amount of the repeat purchase periods (first purchase excluded), 0 when there is none. */
  monetaryValue?: number;
};

export type SummaryField = keyof CustomerSummary;

/** An input row that breaks the model's rules; `index` is the row (0-based) and `field` the offending value. */
export class ClvInputError extends AppError {
  readonly index: number;
  readonly field: string;

  constructor(index: number, field: string, message: string) {
    super("INVALID", message, { [field]: [message] });
    this.name = "ClvInputError";
    this.index = index;
    this.field = field;
  }
}

/** Throws ClvInputError for the first rule the row breaks. Rounding slack: recency may exceed T by 1e-9·T. */
export function validateSummary(row: CustomerSummary, index: number): void {
  validateSummaryValues(row.frequency, row.recency, row.T, row.monetaryValue, index);
}

/** validateSummary without a row object, for columns of a million customers. */
export function validateSummaryValues(frequency: number, recency: number, T: number, monetaryValue: number | undefined, index: number): void {
  const fail = (field: SummaryField, message: string): never => {
    throw new ClvInputError(index, field, message);
  };
  if (!Number.isFinite(frequency) || frequency < 0) fail("frequency", `frequency must be a number ≥ 0, got ${frequency}`);
  if (!Number.isInteger(frequency)) fail("frequency", `frequency must be a whole number of repeat purchases, got ${frequency}`);
  if (!Number.isFinite(recency) || recency < 0) fail("recency", `recency must be a number ≥ 0, got ${recency}`);
  if (!Number.isFinite(T) || T < 0) fail("T", `T must be a number ≥ 0, got ${T}`);
  if (recency > T * (1 + 1e-9)) fail("recency", `recency (${recency}) cannot be greater than T (${T})`);
  if (frequency === 0 && recency !== 0) fail("recency", `recency must be 0 when frequency is 0, got ${recency}`);
  if (monetaryValue !== undefined) {
    if (!Number.isFinite(monetaryValue) || monetaryValue < 0) fail("monetaryValue", `monetary value must be a number ≥ 0, got ${monetaryValue}`);
  }
}

export function validateSummaries(rows: readonly CustomerSummary[]): void {
  rows.forEach(validateSummary);
}
