import type { Metadata } from "next";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getSettings } from "@/lib/db/settings";
import { ClvCacSection } from "./clv-cac-section";
import { ClvDistributionSection } from "./clv-distribution-section";
import { SectionSkeleton } from "./dashboard-section";
import { KeyFiguresSection } from "./key-figures-section";
import { ModelQualitySection } from "./model-quality-section";
import { RevenueForecastSection } from "./revenue-forecast-section";
import { SegmentSizesSection } from "./segment-sizes-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

/** For managers and admins: the customer base, its value, the segments, the forecast and how good the model is. */
export default async function DashboardPage() {
  const user = await requirePageUser("dashboard:read");
  const [t, locale, settings] = await Promise.all([getTranslations("dashboard"), getLocale(), getSettings()]);
  const currency = settings.values.clv.currency;
  const skeleton = (id: string, titleKey: string, height?: string) => {
    const title = t(titleKey);
    return <SectionSkeleton id={id} title={title} loadingLabel={t("loadingSection", { section: title })} height={height} />;
  };
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("subtitle")}</p>
      </div>
      <Suspense fallback={skeleton("key-figures", "kpis.title", "h-20")}>
        <KeyFiguresSection currency={currency} locale={locale} horizonMonths={settings.values.clv.horizonMonths} />
      </Suspense>
      <div className="grid gap-5 lg:grid-cols-2">
        <Suspense fallback={skeleton("clv-distribution", "distribution.title")}>
          <ClvDistributionSection currency={currency} />
        </Suspense>
        <Suspense fallback={skeleton("revenue-forecast", "forecast.title")}>
          <RevenueForecastSection currency={currency} locale={locale} />
        </Suspense>
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <Suspense fallback={skeleton("segment-sizes", "segments.title", "h-96")}>
          <SegmentSizesSection currency={currency} locale={locale} />
        </Suspense>
        <Suspense fallback={skeleton("clv-cac", "cac.title")}>
          <ClvCacSection currency={currency} locale={locale} costs={settings.values.acquisitionCostMinor} canEditCosts={can(user.role, "settings:manage")} />
        </Suspense>
      </div>
      <Suspense fallback={skeleton("model-quality", "model.title")}>
        <ModelQualitySection />
      </Suspense>
    </div>
  );
}
