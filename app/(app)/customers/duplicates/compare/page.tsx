import type { Metadata } from "next";
import type { Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { z } from "zod";
import { FormMessage } from "@/components/ui/form-message";
import { requirePageUser } from "@/lib/auth/session";
import { getMergeCandidates, type MergeCandidate } from "@/lib/db/customer-merge";
import { getSettings } from "@/lib/db/settings";
import { formatMoney } from "@/lib/domain/money";
import { MERGE_FIELDS, type MergeField } from "@/lib/schemas/customer-merge";
import { defaultSide } from "@/lib/services/customer-merge";
import { MergeForm, type MergeSideView, type Pick } from "./merge-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("duplicates");
  return { title: t("compareTitle") };
}

const isId = (value: string | undefined): value is string => z.uuid().safeParse(value).success;

/** Two customers side by side: what each has, and a form to choose the survivor and each field's value. */
export default async function CompareDuplicatesPage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string }> }) {
  await requirePageUser("customer:merge");
  const { a, b } = await searchParams;
  if (!isId(a) || !isId(b)) notFound();
  const [first, second] = await getMergeCandidates([a, b]);
  if (!first || !second) notFound();
  const [t, tChannels, format, locale, settings] = await Promise.all([getTranslations("duplicates"), getTranslations("channels"), getFormatter(), getLocale(), getSettings()]);
  const customers = [first, second] as const;
  const money = (minor: number) => formatMoney(minor, settings.values.clv.currency, locale);
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium" });
  const regions = new Intl.DisplayNames([locale], { type: "region" });

  const problem =
    a === b
      ? t("notMergeable.same")
      : (customers
          .map((customer, index) => (customer.erasedAt ? t("notMergeable.erased", { number: index + 1 }) : customer.archivedAt ? t("notMergeable.archived", { number: index + 1 }) : null))
          .find(Boolean) ?? null);

  const shown = (customer: MergeCandidate): Record<MergeField, string | null> => ({
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    company: customer.company,
    country: customer.country ? `${regions.of(customer.country) ?? customer.country} (${customer.country})` : null,
    city: customer.city,
    acquisitionChannel: customer.acquisitionChannel ? (tChannels.has(customer.acquisitionChannel) ? tChannels(customer.acquisitionChannel) : customer.acquisitionChannel) : null,
    marketingConsent: customer.marketingConsent
      ? customer.marketingConsentAt
        ? t("consentGivenSince", { date: date(customer.marketingConsentAt) })
        : t("consentGiven")
      : customer.marketingConsentAt
        ? t("consentWithdrawnOn", { date: date(customer.marketingConsentAt) })
        : t("consentNotGiven"),
    ownerId: customer.ownerName ?? t("noOwner"),
    discountTier: customer.discountTier,
  });
  const attributes = (customer: MergeCandidate) =>
    Object.entries(customer.customAttributes)
      .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
      .join("; ");
  const sides = customers.map((customer, index): MergeSideView => {
    const values = shown(customer);
    return {
      key: index === 0 ? "a" : "b",
      number: index + 1,
      id: customer.id,
      name: customer.name,
      updatedAt: customer.updatedAt.toISOString(),
      values: Object.fromEntries(MERGE_FIELDS.map((field) => [field, values[field] ?? t("empty")])) as Record<MergeField, string>,
      tags: customer.tags.join(", ") || t("noTags"),
      attributes: attributes(customer) || t("noAttributes"),
      moves: { orders: customer.orders, notes: customer.notes, tasks: customer.tasks },
    };
  }) as [MergeSideView, MergeSideView];
  const defaultsFor = (survivor: MergeCandidate, other: MergeCandidate, survivorKey: Pick) =>
    Object.fromEntries(MERGE_FIELDS.map((field) => [field, defaultSide(field, survivor, other) === "survivor" ? survivorKey : survivorKey === "a" ? "b" : "a"])) as Record<MergeField, Pick>;
  // The more valuable customer stays by default, then the one with more orders, then the older one.
  const rank = (customer: MergeCandidate) => [customer.totalClvMinor, customer.orderCount, -customer.createdAt.getTime()];
  const firstWins = rank(first).findIndex((value, index) => value !== rank(second)[index]);
  const defaultSurvivor: Pick = firstWins === -1 || rank(first)[firstWins]! > rank(second)[firstWins]! ? "a" : "b";

  const facts: [string, (customer: MergeCandidate) => ReactNode][] = [
    [t("facts.orders"), (customer) => format.number(customer.orderCount)],
    [t("facts.totalSpent"), (customer) => money(customer.totalSpentMinor)],
    [t("facts.totalClv"), (customer) => money(customer.totalClvMinor)],
    [t("facts.notes"), (customer) => format.number(customer.notes)],
    [t("facts.tasks"), (customer) => format.number(customer.tasks)],
    [t("facts.externalId"), (customer) => customer.externalId ?? t("none")],
    [t("facts.aliases"), (customer) => customer.aliases.join(", ") || t("none")],
    [t("facts.customerSince"), (customer) => date(customer.createdAt)],
  ];

  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/customers/duplicates" className="text-brand-700 hover:underline">
            ← {t("title")}
          </Link>
        </p>
        <h1 className="text-xl font-semibold">{t("compareTitle")}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t("compareIntro")}</p>
      </div>

      <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-3 pt-3 text-left text-sm font-semibold text-slate-900">{t("factsCaption")}</caption>
          <thead className="text-left">
            <tr>
              <td className="w-44 px-3 py-2" />
              {customers.map((customer, index) => (
                <th key={customer.id} scope="col" className="px-3 py-2 font-semibold text-slate-700">
                  <span className="block text-xs font-normal text-slate-500">{t("customerNumber", { number: index + 1 })}</span>
                  <Link href={`/customers/${customer.id}` as Route} className="text-brand-700 hover:underline" aria-label={t("openProfile", { number: index + 1 })}>
                    {customer.name}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {facts.map(([label, value]) => (
              <tr key={label}>
                <th scope="row" className="px-3 py-2 text-left font-normal text-slate-500">
                  {label}
                </th>
                {customers.map((customer) => (
                  <td key={customer.id} className="px-3 py-2 tabular-nums">
                    {value(customer)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {problem ? (
        <FormMessage tone="error">{problem}</FormMessage>
      ) : (
        <MergeForm
          sides={sides}
          fields={MERGE_FIELDS}
          defaultSurvivor={defaultSurvivor}
          defaults={{ a: defaultsFor(first, second, "a"), b: defaultsFor(second, first, "b") }}
          unionTags={[...new Set([...first.tags, ...second.tags])].join(", ") || t("noTags")}
          hasTags={first.tags.length + second.tags.length > 0}
          hasAttributes={Object.keys(first.customAttributes).length + Object.keys(second.customAttributes).length > 0}
        />
      )}
    </div>
  );
}
