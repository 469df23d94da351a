import { describe, expect, it } from "vitest";
import { DEFAULT_CRM_SETTINGS } from "./crm-settings";
import { changesClvFigures, parseSettingsForm, settingsToForm } from "./settings-form";

describe("the settings form", () => {
  it("round-trips the settings through the form's text values, in either decimal notation", () => {
    const settings = { ...DEFAULT_CRM_SETTINGS, acquisitionCostMinor: { paid_search: 4550, referral: 1000 } };
    for (const separator of [".", ","] as const) {
      const parsed = parseSettingsForm(settingsToForm(settings, separator));
      expect(parsed).toEqual({ success: true, data: settings });
    }
  });

  it("reads money in major units and shares as percentages", () => {
    const values = { ...settingsToForm(DEFAULT_CRM_SETTINGS), "vip.mode": "amount", "vip.enterAmountMinor": "1.250,50", "vip.exitAmountMinor": "1000", "lifecycle.atRiskBelow": "40", "lifecycle.lostBelow": "12,5" };
    const parsed = parseSettingsForm(values);
    expect(parsed.success).toBe(true);
    if (parsed.success) {
      expect(parsed.data.vip).toMatchObject({ mode: "amount", enterAmountMinor: 125_050, exitAmountMinor: 100_000 });
      expect(parsed.data.lifecycle).toMatchObject({ atRiskBelow: 0.4, lostBelow: 0.125 });
    }
  });

  it("puts each error next to its own input and accepts nothing half-valid", () => {
    const values = { ...settingsToForm(DEFAULT_CRM_SETTINGS), "clv.horizonMonths": "0", "vip.exitAmountMinor": "abc", "lifecycle.lostBelow": "60", "rfmEdges.2": "10" };
    const parsed = parseSettingsForm(values);
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(Object.keys(parsed.fieldErrors).sort()).toEqual(["clv.horizonMonths", "lifecycle.lostBelow", "rfmEdges", "vip.exitAmountMinor"]);
      expect(parsed.fieldErrors["lifecycle.lostBelow"]).toEqual(["lostAboveAtRisk"]);
    }
  });

  it("refuses a VIP amount of 0, which would make everyone a VIP, and an exit line above the entry line", () => {
    const zero = parseSettingsForm({ ...settingsToForm(DEFAULT_CRM_SETTINGS), "vip.mode": "amount", "vip.enterAmountMinor": "0", "vip.exitAmountMinor": "0" });
    expect(zero).toEqual({ success: false, fieldErrors: { "vip.enterAmountMinor": ["vipAmountPositive"], "vip.exitAmountMinor": ["vipAmountPositive"] } });
    const reversed = parseSettingsForm({ ...settingsToForm(DEFAULT_CRM_SETTINGS), "vip.mode": "amount", "vip.enterAmountMinor": "500", "vip.exitAmountMinor": "600" });
    expect(reversed).toEqual({ success: false, fieldErrors: { "vip.exitAmountMinor": ["vipExitAboveEnter"] } });
    expect(parseSettingsForm({ ...settingsToForm(DEFAULT_CRM_SETTINGS), "vip.mode": "amount", "vip.enterAmountMinor": "0,01", "vip.exitAmountMinor": "0,01" }).success).toBe(true);
  });

  it("tells figure-moving changes from threshold-only changes", () => {
    const thresholds = { ...DEFAULT_CRM_SETTINGS, vip: { ...DEFAULT_CRM_SETTINGS.vip, enterTopPercent: 3 } };
    expect(changesClvFigures(DEFAULT_CRM_SETTINGS, thresholds)).toBe(false);
    expect(changesClvFigures(DEFAULT_CRM_SETTINGS, { ...DEFAULT_CRM_SETTINGS, clv: { ...DEFAULT_CRM_SETTINGS.clv, horizonMonths: 24 } })).toBe(true);
  });
});
