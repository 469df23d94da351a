/**
 * The admin settings form ↔ the stored settings. People type money in major units ("1.000,00", "1000") and
 * shares as percentages; the settings hold minor units and fractions. Field names are the settings paths
 * ("vip.enterAmountMinor"), so validation errors land next to the right input.
 */
import { ACQUISITION_CHANNELS } from "@/lib/domain/channels";
import { parseAmountToMinor } from "@/lib/domain/money";
import { CrmSettingsSchema, type CrmSettings } from "./crm-settings";

export const REPORTING_CURRENCIES = ["EUR", "PLN", "CHF", "CZK", "GBP", "SEK", "USD"] as const;

type FieldValues = Record<string, string>;

function number(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text.trim().replace(",", "."));
  return Number.isFinite(value) ? value : Number.NaN;
}

function percentToFraction(text: string | undefined): number | undefined {
  const value = number(text);
  return value === undefined || Number.isNaN(value) ? value : Math.round(value * 1e6) / 1e8;
}

function money(text: string | undefined, currency: string): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  return parseAmountToMinor(text, currency) ?? Number.NaN;
}

/** The form's text fields as a settings object for CrmSettingsSchema to judge (nothing is defaulted here). */
export function settingsFromForm(values: FieldValues): unknown {
  const currency = values["clv.currency"] ?? "EUR";
  const acquisitionCostMinor: Record<string, number> = {};
  for (const channel of ACQUISITION_CHANNELS) {
    const cost = money(values[`acquisitionCostMinor.${channel}`], currency);
    if (cost !== undefined) acquisitionCostMinor[channel] = cost;
  }
  return {
    clv: {
      horizonMonths: number(values["clv.horizonMonths"]),
      annualDiscountRatePercent: number(values["clv.annualDiscountRatePercent"]),
      grossMarginPercent: number(values["clv.grossMarginPercent"]),
      model: values["clv.model"],
      currency,
    },
    vip: {
      basis: values["vip.basis"],
      mode: values["vip.mode"],
      enterAmountMinor: money(values["vip.enterAmountMinor"], currency),
      exitAmountMinor: money(values["vip.exitAmountMinor"], currency),
      enterTopPercent: number(values["vip.enterTopPercent"]),
      exitTopPercent: number(values["vip.exitTopPercent"]),
    },
    lifecycle: {
      newDays: number(values["lifecycle.newDays"]),
      atRiskBelow: percentToFraction(values["lifecycle.atRiskBelow"]),
      lostBelow: percentToFraction(values["lifecycle.lostBelow"]),
      atRiskDays: number(values["lifecycle.atRiskDays"]),
      lostDays: number(values["lifecycle.lostDays"]),
    },
    rfmEdges: [0, 1, 2, 3].map((index) => percentToFraction(values[`rfmEdges.${index}`])),
    acquisitionCostMinor,
  };
}

export type SettingsFormResult = { success: true; data: CrmSettings } | { success: false; fieldErrors: Record<string, string[]> };

export function parseSettingsForm(values: FieldValues): SettingsFormResult {
  const parsed = CrmSettingsSchema.safeParse(settingsFromForm(values));
  if (parsed.success) return { success: true, data: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    // A bad RFM edge is reported on the group; everything else on its own input.
    const path = issue.path[0] === "rfmEdges" ? "rfmEdges" : issue.path.join(".");
    (fieldErrors[path] ??= []).push(issue.message);
  }
  return { success: false, fieldErrors };
}

/** The settings as the form's initial text values, in the user's notation for decimals. */
export function settingsToForm(settings: CrmSettings, decimalSeparator: "." | "," = "."): FieldValues {
  const digits = (value: number, fraction: number) => value.toFixed(fraction).replace(".", decimalSeparator);
  const major = (minor: number) => digits(minor / 100, 2);
  const percent = (fraction: number) => String(Math.round(fraction * 1e6) / 1e4).replace(".", decimalSeparator);
  const values: FieldValues = {
    "clv.horizonMonths": String(settings.clv.horizonMonths),
    "clv.annualDiscountRatePercent": String(settings.clv.annualDiscountRatePercent).replace(".", decimalSeparator),
    "clv.grossMarginPercent": String(settings.clv.grossMarginPercent).replace(".", decimalSeparator),
    "clv.model": settings.clv.model,
    "clv.currency": settings.clv.currency,
    "vip.basis": settings.vip.basis,
    "vip.mode": settings.vip.mode,
    "vip.enterAmountMinor": major(settings.vip.enterAmountMinor),
    "vip.exitAmountMinor": major(settings.vip.exitAmountMinor),
    "vip.enterTopPercent": String(settings.vip.enterTopPercent).replace(".", decimalSeparator),
    "vip.exitTopPercent": String(settings.vip.exitTopPercent).replace(".", decimalSeparator),
    "lifecycle.newDays": String(settings.lifecycle.newDays),
    "lifecycle.atRiskBelow": percent(settings.lifecycle.atRiskBelow),
    "lifecycle.lostBelow": percent(settings.lifecycle.lostBelow),
    "lifecycle.atRiskDays": String(settings.lifecycle.atRiskDays),
    "lifecycle.lostDays": String(settings.lifecycle.lostDays),
  };
  settings.rfmEdges.forEach((edge, index) => (values[`rfmEdges.${index}`] = percent(edge)));
  for (const channel of ACQUISITION_CHANNELS) {
    const cost = settings.acquisitionCostMinor[channel];
    values[`acquisitionCostMinor.${channel}`] = cost === undefined ? "" : major(cost);
  }
  return values;
}

/** Whether a change moves customers' CLV figures (a recompute) or only where lines are drawn (memberships). */
export function changesClvFigures(before: CrmSettings, after: CrmSettings): boolean {
  return JSON.stringify(before.clv) !== JSON.stringify(after.clv) || JSON.stringify(before.rfmEdges) !== JSON.stringify(after.rfmEdges) || before.lifecycle.lostDays !== after.lifecycle.lostDays;
}
