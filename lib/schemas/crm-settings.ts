/**
 * The admin settings: how CLV is computed, where the VIP and lifecycle lines are drawn, the RFM bin edges and
 * what acquiring a customer costs per channel. Stored as versioned JSON (SettingsVersion); read through
 * `parseCrmSettings`, which fills in defaults for anything an older version did not have.
 * Messages are i18n keys under `validation.`.
 */
import { z } from "zod";
import { ACQUISITION_CHANNELS } from "@/lib/domain/channels";
import { DEFAULT_RFM_EDGES } from "@/lib/domain/rfm";
import { DEFAULT_LIFECYCLE_THRESHOLDS, type LifecycleThresholds } from "@/lib/domain/segments/lifecycle-segments";
import { DEFAULT_VIP_RULE, type VipRule } from "@/lib/domain/segments/vip";

export const CLV_MODEL_CHOICES = ["auto", "bgnbd", "pnbd"] as const;
export type ClvModelChoice = (typeof CLV_MODEL_CHOICES)[number];

const moneyMinor = z.number().int({ error: "amountInvalid" }).min(0, { error: "amountInvalid" }).max(1e12, { error: "amountInvalid" });
// A VIP line of 0 would make every customer a VIP, even one who never bought anything.
const vipAmountMinor = z.number().int({ error: "amountInvalid" }).min(1, { error: "vipAmountPositive" }).max(1e12, { error: "amountInvalid" });
const percent = (min: number, max: number) => z.number({ error: "percentInvalid" }).min(min, { error: "percentInvalid" }).max(max, { error: "percentInvalid" });
const probability = z.number({ error: "probabilityInvalid" }).gt(0, { error: "probabilityInvalid" }).lt(1, { error: "probabilityInvalid" });
const days = z.number({ error: "daysInvalid" }).int({ error: "daysInvalid" }).min(1, { error: "daysInvalid" }).max(3650, { error: "daysInvalid" });

export const ClvSettingsSchema = z.object({
  horizonMonths: z.number({ error: "horizonInvalid" }).int({ error: "horizonInvalid" }).min(1, { error: "horizonInvalid" }).max(60, { error: "horizonInvalid" }),
  annualDiscountRatePercent: percent(0, 100),
  grossMarginPercent: percent(1, 100),
  model: z.enum(CLV_MODEL_CHOICES, { error: "modelInvalid" }),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: "currencyInvalid" }),
});

export const VipSettingsSchema = z
  .object({
    basis: z.enum(["predicted", "total"], { error: "invalid" }),
    mode: z.enum(["amount", "topPercent"], { error: "invalid" }),
    enterAmountMinor: vipAmountMinor,
    exitAmountMinor: vipAmountMinor,
    enterTopPercent: percent(0.1, 100),
    exitTopPercent: percent(0.1, 100),
  })
  .refine((vip) => vip.exitAmountMinor <= vip.enterAmountMinor, { error: "vipExitAboveEnter", path: ["exitAmountMinor"] })
  .refine((vip) => vip.exitTopPercent >= vip.enterTopPercent, { error: "vipExitTopBelowEnter", path: ["exitTopPercent"] }) satisfies z.ZodType<VipRule>;

export const LifecycleSettingsSchema = z
  .object({ newDays: days, atRiskBelow: probability, lostBelow: probability, atRiskDays: days, lostDays: days })
  .refine((t) => t.lostBelow < t.atRiskBelow, { error: "lostAboveAtRisk", path: ["lostBelow"] })
  .refine((t) => t.atRiskDays < t.lostDays, { error: "lostDaysBelowAtRisk", path: ["lostDays"] }) satisfies z.ZodType<LifecycleThresholds>;

export const RfmEdgesSchema = z
  .tuple([z.number(), z.number(), z.number(), z.number()], { error: "rfmEdgesInvalid" })
  .refine((edges) => edges.every((edge, index) => edge > 0 && edge < 1 && (index === 0 || edge > edges[index - 1]!)), { error: "rfmEdgesInvalid" });

export const AcquisitionCostsSchema = z.partialRecord(z.enum(ACQUISITION_CHANNELS), moneyMinor);

export const CrmSettingsSchema = z.object({
  clv: ClvSettingsSchema,
  vip: VipSettingsSchema,
  lifecycle: LifecycleSettingsSchema,
  rfmEdges: RfmEdgesSchema,
  /** What acquiring one customer costs, per acquisition channel, in minor units. */
  acquisitionCostMinor: AcquisitionCostsSchema,
});

export type CrmSettings = z.output<typeof CrmSettingsSchema>;
export type ClvSettings = CrmSettings["clv"];

export const DEFAULT_CRM_SETTINGS: CrmSettings = {
  clv: { horizonMonths: 12, annualDiscountRatePercent: 10, grossMarginPercent: 100, model: "auto", currency: "EUR" },
  vip: { ...DEFAULT_VIP_RULE },
  lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS },
  rfmEdges: [...DEFAULT_RFM_EDGES] as [number, number, number, number],
  acquisitionCostMinor: {},
};

/**
 * Stored settings, section by section over the defaults: a section that no longer validates (an older shape)
 * falls back to its defaults instead of breaking every page.
 */
export function parseCrmSettings(stored: unknown): CrmSettings {
  const object = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const section = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const merged = value && typeof value === "object" && !Array.isArray(value) && fallback && typeof fallback === "object" && !Array.isArray(fallback) ? { ...fallback, ...value } : (value ?? fallback);
    const parsed = schema.safeParse(merged);
    return parsed.success ? parsed.data : fallback;
  };
  return {
    clv: section(ClvSettingsSchema, object.clv, DEFAULT_CRM_SETTINGS.clv),
    vip: section(VipSettingsSchema, object.vip, DEFAULT_CRM_SETTINGS.vip),
    lifecycle: section(LifecycleSettingsSchema, object.lifecycle, DEFAULT_CRM_SETTINGS.lifecycle),
    rfmEdges: section(RfmEdgesSchema, object.rfmEdges, DEFAULT_CRM_SETTINGS.rfmEdges),
    acquisitionCostMinor: section(AcquisitionCostsSchema, object.acquisitionCostMinor, DEFAULT_CRM_SETTINGS.acquisitionCostMinor),
  };
}
