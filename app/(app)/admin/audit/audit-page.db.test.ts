/**
 * The audit log page against a real database in every language: a change made through the REST API names the
 * API key that made it as "who" (it has no staff actor), and the key is not listed again as a changed field.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withAuditSource, writeAuditEntry } from "@/lib/db/audit-log";
import { db } from "@/lib/db/client";
import { renderPage, visibleText } from "@/tests/support/render-server-page";

const { nextIntlServerMock, sessionMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
vi.mock("next-intl/server", () => nextIntlServerMock());
vi.mock("@/lib/auth/session", () => sessionMock());

const { default: AuditPage } = await import("./page");

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
    const html = await renderPage(() => AuditPage({ searchParams: Promise.resolve({}) }), locale);
    const rows = html.split("<tr").slice(2).map(visibleText);
    const fromShop = rows.find((row) => row.includes("from-the-shop"))!;
    expect(fromShop).toContain(byKey);
    expect(fromShop).toMatch(/totalMinor ?: 4200/);
    expect(fromShop).not.toContain("apiKey");
    expect(rows.find((row) => row.includes("by-hand"))).toContain(bySystem);
  });
});
