/**
 * The audit log page against a real database in every language: a change made through the REST API names the
 * API key that made it as "who" (it has no staff actor), and the key is not listed again as a changed field.
 */
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withAuditSource, writeAuditEntry } from "@/lib/db/audit-log";
import { db } from "@/lib/db/client";

const current = vi.hoisted(() => ({ locale: "en" as "en" | "de" | "pl" }));

vi.mock("next-intl/server", async () => {
  const { createFormatter, createTranslator } = await import("use-intl/core");
  const { CATALOGS: catalogs } = await import("@/i18n/catalogs");
  return {
    getFormatter: async () => createFormatter({ locale: current.locale, timeZone: "Europe/Berlin" }),
    getTranslations: async (namespace?: string) =>
      createTranslator({
        locale: current.locale,
        messages: catalogs[current.locale] as never,
        namespace: namespace as never,
        timeZone: "Europe/Berlin",
        onError: (error) => {
          throw error;
        },
      }),
  };
});
vi.mock("@/lib/auth/session", () => ({ requirePageUser: async () => ({ id: "00000000-0000-4000-8000-000000000000", role: "ADMIN", name: "Admin" }) }));

const { default: AuditPage } = await import("./page");

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/[\s\u00a0\u202f]+/g, " ");

beforeAll(async () => {
  await db.$transaction((tx) => writeAuditEntry(tx, { actorId: null, action: "order.refund", entityType: "Order", entityId: "by-hand", after: { refundedMinor: 100 } }));
  await withAuditSource({ apiKey: { id: "00000000-0000-4000-8000-0000000000aa", name: "Shop" } }, () =>
    db.$transaction((tx) => writeAuditEntry(tx, { actorId: null, action: "order.create", entityType: "Order", entityId: "from-the-shop", after: { totalMinor: 4200 } })),
  );
});

describe("the audit log page", () => {
  it.each([
    ["en", "API key “Shop”", "System"],
    ["de", "API-Schlüssel „Shop“", "System"],
    ["pl", "Klucz API „Shop”", "System"],
  ] as const)("names the API key of a change made through the API (%s)", async (locale, byKey, bySystem) => {
    current.locale = locale;
    const html = renderToStaticMarkup((await AuditPage({ searchParams: Promise.resolve({}) })) as ReactNode);
    const rows = html.split("<tr").slice(2).map(text);
    const fromShop = rows.find((row) => row.includes("from-the-shop"))!;
    expect(fromShop).toContain(byKey);
    expect(fromShop).toMatch(/totalMinor ?: 4200/);
    expect(fromShop).not.toContain("apiKey");
    expect(rows.find((row) => row.includes("by-hand"))).toContain(bySystem);
  });
});
