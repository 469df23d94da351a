/**
 * Renders the segment form to HTML in every language, with a rule that uses every field kind and a group: no
 * missing message, every control labelled, and the names the end-to-end tests use.
 */
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/i18n/catalogs";
import { LOCALES } from "@/i18n/locales";
import { IDLE } from "@/lib/actions/action-state";
import { ruleToDraft } from "@/lib/domain/segments/rule-form";
import { RULE_FIELDS, type SegmentRule } from "@/lib/domain/segments/segment-rule";
import { SegmentForm } from "./segment-form";

const rule: SegmentRule = {
  match: "any",
  conditions: [
    { field: "totalClv", op: "between", value: 50_000, value2: 100_000 },
    { field: "probabilityAlive", op: "lt", value: 0.5 },
    {
      match: "all",
      conditions: [
        { field: "country", op: "in", values: ["DE", "PL"] },
        { field: "acquisitionChannel", op: "notIn", values: ["paid_search"] },
        { field: "rfmGroup", op: "in", values: ["champions"] },
      ],
    },
    { field: "tag", op: "has", value: "b2b" },
    { field: "marketingConsent", op: "is", value: true },
    { field: "daysSinceLastOrder", op: "gte", value: 90 },
    { field: "orderCount", op: "isKnown" },
  ],
};

function render(locale: (typeof LOCALES)[number]) {
  const missing: string[] = [];
  const form = createElement(SegmentForm, {
    action: async () => IDLE,
    preview: async () => ({ status: "ok" as const, members: 1, entering: 0, leaving: 0 }),
    segmentId: null,
    initial: { name: "Coffee fans", description: "", draft: ruleToDraft(rule, { locale, currency: "EUR" }) },
    currency: "EUR",
    cancelHref: "/segments",
  });
  const onError = (error: Error) => {
    missing.push(error.message);
  };
  // The props type lists children; the form goes in as createElement's third argument, which replaces them.
  const providerProps: ComponentProps<typeof NextIntlClientProvider> = { locale, messages: CATALOGS[locale], timeZone: "Europe/Berlin", onError, children: null };
  const html = renderToStaticMarkup(createElement(NextIntlClientProvider, providerProps, form));
  return { html, missing };
}

describe("segment form", () => {
  it.each(LOCALES)("renders every field kind in %s without a missing message", (locale) => {
    const { html, missing } = render(locale);
    expect(missing).toEqual([]);
    expect(html).toContain('role="status"');
    // Every control has a label pointing at it, except checkboxes, which sit inside theirs.
    const controls = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)].map((match) => match[0]).filter((tag) => !tag.includes('type="checkbox"'));
    const labelled = new Set([...html.matchAll(/<label[^>]*\bfor="([^"]+)"/g)].map((match) => match[1]));
    expect(controls.length).toBeGreaterThan(10);
    expect(controls.filter((tag) => !labelled.has(/\bid="([^"]+)"/.exec(tag)?.[1]))).toEqual([]);
  });

  it("uses the accessible names the end-to-end tests rely on", () => {
    const { html } = render("en");
    expect(html).toContain('aria-label="Segment rule"');
    for (const name of [">Add condition<", ">Add group<", ">Save segment<", ">Add a condition to group 3<"]) expect(html).toContain(name);
    expect(html).toContain("Field<span class=\"sr-only\"> (condition 3.1)</span>");
    // 50,000 cents are shown as 500 euros.
    expect(html).toContain('value="500"');
    expect(html).toContain(">Germany<");
    expect(RULE_FIELDS.every((field) => html.includes(`value="${field}"`))).toBe(true);
  });
});
