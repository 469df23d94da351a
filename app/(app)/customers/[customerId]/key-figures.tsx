import { getFormatter, getTranslations } from "next-intl/server";
import type { CustomerFigures } from "@/lib/domain/customer-figures";
import { formatMoney } from "@/lib/domain/money";

export async function KeyFigures({ figures, currency, locale }: { figures: CustomerFigures; currency: string; locale: string }) {
  const t = await getTranslations("profile.figures");
  const format = await getFormatter();
  const tiles = [
    { label: t("customerSince"), value: format.dateTime(figures.customerSince, { dateStyle: "medium" }) },
    { label: t("orders"), value: format.number(figures.orderCount) },
    { label: t("totalSpent"), value: formatMoney(figures.totalSpentMinor, currency, locale), hint: t("netOfRefunds") },
    { label: t("averageOrder"), value: figures.averageOrderMinor === null ? "—" : formatMoney(figures.averageOrderMinor, currency, locale) },
    {
      label: t("lastOrder"),
      value: figures.lastOrderAt ? format.dateTime(figures.lastOrderAt, { dateStyle: "medium" }) : t("never"),
      hint: figures.daysSinceLastOrder === null ? undefined : t("daysAgo", { days: figures.daysSinceLastOrder }),
    },
  ];
  return (
    <section aria-label={t("title")}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {tiles.map((tile) => (
          <div key={tile.label} className="rounded-lg bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200">
            <dt className="text-xs font-medium text-slate-500">{tile.label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">{tile.value}</dd>
            {tile.hint ? <dd className="text-xs text-slate-500">{tile.hint}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}
