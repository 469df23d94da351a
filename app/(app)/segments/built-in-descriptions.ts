/**
 * One line per built-in segment saying what puts a customer there, with the lines in force (the admin settings):
 * "First purchase less than 30 days ago.", "The top 5 % of customers by predicted value; …". Lifecycle stages go by
 * purchases (paid or partially refunded orders), see lib/domain/segments/lifecycle-segments.ts.
 */
import { getFormatter, getTranslations } from "next-intl/server";
import type { BuiltInSegmentKey } from "@/components/segments/segment-groups";
import { formatMoney } from "@/lib/domain/money";
import type { CrmSettings } from "@/lib/schemas/crm-settings";

export async function builtInDescriptions(settings: CrmSettings, currency: string, locale: string): Promise<(key: BuiltInSegmentKey) => string> {
  const [t, format] = await Promise.all([getTranslations("segments.builtIn"), getFormatter()]);
  const percent = (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 1 });
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const { vip, lifecycle } = settings;
  const descriptions: Record<BuiltInSegmentKey, () => string> = {
    vip: () =>
      vip.mode === "amount"
        ? t("vip.amount", { basis: vip.basis, enter: money(vip.enterAmountMinor), exit: money(vip.exitAmountMinor) })
        : t("vip.topPercent", { basis: vip.basis, enter: percent(vip.enterTopPercent / 100), exit: percent(vip.exitTopPercent / 100) }),
    at_risk_vip: () => t("at_risk_vip.description", { line: percent(lifecycle.atRiskBelow), days: lifecycle.atRiskDays }),
    new: () => t("new.description", { days: lifecycle.newDays }),
    active: () => t("active.description", { line: percent(lifecycle.atRiskBelow), days: lifecycle.atRiskDays }),
    at_risk: () => t("at_risk.description", { lost: percent(lifecycle.lostBelow), line: percent(lifecycle.atRiskBelow), from: format.number(lifecycle.atRiskDays), days: lifecycle.lostDays }),
    lost: () => t("lost.description", { line: percent(lifecycle.lostBelow), days: lifecycle.lostDays }),
  };
  return (key) => descriptions[key]();
}
