"use client";

import { usePathname, useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import type { Route } from "next";
import { ACQUISITION_CHANNELS } from "@/lib/domain/channels";
import { COUNTRY_CODES } from "@/lib/domain/countries";
import { ListQueryTracker } from "@/components/customers/list-query-tracker";
import type { CustomerListQuery } from "@/lib/schemas/customer-list";

const SELECT = "rounded-md border-0 bg-white py-1.5 pr-8 pl-2.5 text-sm ring-1 ring-slate-300 ring-inset";

export type SegmentOption = { key: string; label: string };

/** `segments` is null for roles that may not filter by segment (agents): no segment filter then. */
export function CustomerFilters({ query, tags, segments }: { query: CustomerListQuery; tags: string[]; segments: SegmentOption[] | null }) {
  const t = useTranslations("customers");
  const tChannels = useTranslations("channels");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const [, startTransition] = useTransition();
  // Uncontrolled, so that back/forward can put the URL's term into it without a render cascade.
  const searchInput = useRef<HTMLInputElement>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // What was last asked for: a change builds on it, not on the state still on screen (see ListQueryTracker).
  const [tracker] = useState(() => new ListQueryTracker(query));

  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [locale]);

  function apply(change: Partial<CustomerListQuery>) {
    const search = tracker.request(change);
    startTransition(() => router.replace(`${pathname}${search}` as Route, { scroll: false }));
  }

  // A new state on screen: the search box follows back/forward (not the answers to our own changes).
  useEffect(() => {
    if (!tracker.shown(query)) return;
    clearTimeout(debounce.current);
    if (searchInput.current) searchInput.current.value = query.q ?? "";
  }, [query, tracker]);

  useEffect(() => () => clearTimeout(debounce.current), []);

  const hasFilters = Boolean(query.q || query.country || query.channel || query.tag || query.segment);

  return (
    <form role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-2" onSubmit={(event) => { event.preventDefault(); clearTimeout(debounce.current); apply({ q: searchInput.current?.value.trim() || undefined }); }}>
      <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
        {t("searchLabel")}
        <input
          type="search"
          name="q"
          ref={searchInput}
          defaultValue={query.q ?? ""}
          placeholder={t("searchPlaceholder")}
          maxLength={100}
          className="rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-slate-300 ring-inset"
          onChange={(event) => {
            const value = event.target.value;
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
      {segments ? (
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
      ) : null}
      {hasFilters ? (
        <button
          type="button"
          className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100"
          onClick={() => {
            clearTimeout(debounce.current);
            if (searchInput.current) searchInput.current.value = "";
            apply({ q: undefined, country: undefined, channel: undefined, tag: undefined, segment: undefined });
          }}
        >
          {t("clearFilters")}
        </button>
      ) : null}
    </form>
  );
}
