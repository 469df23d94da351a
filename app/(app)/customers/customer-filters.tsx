"use client";

import { usePathname, useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import type { Route } from "next";
import { ACQUISITION_CHANNELS } from "@/lib/domain/channels";
import { COUNTRY_CODES } from "@/lib/domain/countries";
import { customerListSearch, type CustomerListQuery } from "@/lib/schemas/customer-list";

const SELECT = "rounded-md border-0 bg-white py-1.5 pr-8 pl-2.5 text-sm ring-1 ring-slate-300 ring-inset";

export type SegmentOption = { key: string; label: string };

export function CustomerFilters({ query, tags, segments }: { query: CustomerListQuery; tags: string[]; segments: SegmentOption[] }) {
  const t = useTranslations("customers");
  const tChannels = useTranslations("channels");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const [, startTransition] = useTransition();
  const [search, setSearch] = useState(query.q ?? "");
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [locale]);

  function apply(change: Partial<CustomerListQuery>) {
    startTransition(() => router.replace(`${pathname}${customerListSearch(query, { ...change, page: 1 })}` as Route, { scroll: false }));
  }

  useEffect(() => () => clearTimeout(debounce.current), []);

  const hasFilters = Boolean(query.q || query.country || query.channel || query.tag || query.segment);

  return (
    <form role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-2" onSubmit={(event) => { event.preventDefault(); apply({ q: search.trim() || undefined }); }}>
      <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
        {t("searchLabel")}
        <input
          type="search"
          name="q"
          value={search}
          placeholder={t("searchPlaceholder")}
          maxLength={100}
          className="rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-slate-300 ring-inset"
          onChange={(event) => {
            const value = event.target.value;
            setSearch(value);
            clearTimeout(debounce.current);
            debounce.current = setTimeout(() => apply({ q: value.trim() || undefined }), 350);
          }}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t("country")}
        <select className={SELECT} value={query.country ?? ""} onChange={(event) => apply({ country: event.target.value || undefined })}>
          <option value="">{t("allCountries")}</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t("channel")}
        <select className={SELECT} value={query.channel ?? ""} onChange={(event) => apply({ channel: event.target.value || undefined })}>
          <option value="">{t("allChannels")}</option>
          {ACQUISITION_CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {tChannels(channel)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t("tag")}
        <select className={SELECT} value={query.tag ?? ""} onChange={(event) => apply({ tag: event.target.value || undefined })}>
          <option value="">{t("allTags")}</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t("segment")}
        <select className={SELECT} value={query.segment ?? ""} onChange={(event) => apply({ segment: event.target.value || undefined })}>
          <option value="">{t("allSegments")}</option>
          {segments.map((segment) => (
            <option key={segment.key} value={segment.key}>
              {segment.label}
            </option>
          ))}
        </select>
      </label>
      {hasFilters ? (
        <button
          type="button"
          className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100"
          onClick={() => {
            setSearch("");
            apply({ q: undefined, country: undefined, channel: undefined, tag: undefined, segment: undefined });
          }}
        >
          {t("clearFilters")}
        </button>
      ) : null}
    </form>
  );
}
