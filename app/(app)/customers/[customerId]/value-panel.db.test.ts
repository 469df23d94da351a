/**
 * The value panel rendered in every language for the states where there is no prediction: no spend model (the
 * purchase model is fine), no purchase model, and no fit at all yet. Each says why in the reader's language and
 * falls back to the historical and simple figures; nothing reads NaN or undefined, and no message key is missing.
 * Lives with the integration tests because it renders the app's server components.
 */
import { describe, expect, it, vi } from "vitest";
import type { CustomerMetricsView } from "@/lib/db/customer-metrics";
import { DEFAULT_CRM_SETTINGS } from "@/lib/schemas/crm-settings";
import { renderPage, visibleText, type Locale } from "@/tests/support/render-server-page";
import { ValuePanel } from "./value-panel";

const { nextIntlServerMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
vi.mock("next-intl/server", () => nextIntlServerMock());

const now = new Date("2026-06-01T12:00:00Z");
const lastPurchaseAt = new Date("2026-01-10T10:00:00Z");

const metrics = {
  historicalValueMinor: 48_000,
  predictedValueMinor: null,
  totalClvMinor: 48_000,
  simpleClvMinor: 61_000,
  probabilityAlive: 0.74,
  expectedPurchases: 2.1,
  expectedOrderValueMinor: null,
  expectedNextOrderAt: new Date("2026-11-20T00:00:00Z"),
  recencyScore: 3,
  frequencyScore: 4,
  monetaryScore: 5,
  rfmGroup: "loyal",
  firstPurchaseAt: new Date("2024-03-01T09:00:00Z"),
  lastPurchaseAt,
  settingsVersion: 0,
  computedAt: now,
  modelFit: { id: "00000000-0000-4000-8000-00000000f17f", purchaseModel: "bgnbd", createdAt: now },
} satisfies CustomerMetricsView;

type PanelFit = { status: string; purchaseModel: string | null; createdAt: Date; unavailable: unknown };
const noSpendFit: PanelFit = { status: "OK", purchaseModel: "bgnbd", createdAt: now, unavailable: { spend: { cause: "NO_SPEND", message: "No customer has a repeat purchase with a positive amount." } } };

async function renderPanel(props: { metrics: CustomerMetricsView | null; fit: PanelFit | null; segments?: Parameters<typeof ValuePanel>[0]["segments"]; facts?: Parameters<typeof ValuePanel>[0]["facts"] }, locale: Locale) {
  const html = await renderPage(() => ValuePanel({ metrics: props.metrics, fit: props.fit as never, facts: props.facts ?? null, segments: props.segments ?? [], settings: DEFAULT_CRM_SETTINGS, locale, now }), locale);
  return visibleText(html);
}

describe("the value panel without a prediction", () => {
  it.each<[Locale, string, string]>([
    ["en", "No spend model yet: No repeat purchase has a positive amount.", "no prediction (see above)"],
    ["de", "Noch kein Ausgabenmodell: Kein Wiederholungskauf hat einen positiven Betrag.", "keine Prognose (siehe oben)"],
    ["pl", "Brak jeszcze modelu wydatków: Żaden powtórny zakup nie ma dodatniej kwoty.", "brak prognozy (zob. wyżej)"],
  ])("says in %s that the spend model is missing, and shows the historical and simple figures", async (locale, note, hint) => {
    const text = await renderPanel({ metrics, fit: noSpendFit }, locale);
    expect(text).toContain(note);
    expect(text).toContain(hint);
    expect(text).toMatch(/480[.,]00/);
    expect(text).toMatch(/610[.,]00/);
  });

  it("says the purchase model had too little data, in the reader's language", async () => {
    const fit = { ...noSpendFit, status: "NOT_ENOUGH_DATA", purchaseModel: null, unavailable: { purchase: { cause: "TOO_FEW_REPEAT_BUYERS", message: "3 repeat customers are too few." } } };
    expect(await renderPanel({ metrics: { ...metrics, probabilityAlive: null }, fit }, "de")).toContain("Noch zu wenig Daten für eine Prognose: Es gibt zu wenige Wiederkäufer, um ein Modell anzupassen.");
  });

  it("shows what the customer paid before any model was fitted, and says the rest follows", async () => {
    const unscored = { ...metrics, simpleClvMinor: null, probabilityAlive: null, expectedPurchases: null, expectedNextOrderAt: null, recencyScore: null, frequencyScore: null, monetaryScore: null, rfmGroup: null, modelFit: null };
    const text = await renderPanel({ metrics: unscored, fit: null }, "en");
    expect(text).toContain("No model has been fitted yet, so there is no prediction: showing what the customer paid.");
    expect(text).toMatch(/Historical value €480\.00/);
    expect(text).toContain("after the first recompute");
  });

  it("explains an at-risk VIP without P(alive) by the days since the last purchase", async () => {
    const facts = {
      historicalValueMinor: 48_000,
      predictedValueMinor: null,
      totalClvMinor: 48_000,
      probabilityAlive: null,
      rfmGroup: "loyal" as const,
      orderCount: 6,
      firstOrderAt: metrics.firstPurchaseAt,
      lastOrderAt: lastPurchaseAt,
      firstPurchaseAt: metrics.firstPurchaseAt,
      lastPurchaseAt,
      country: "DE",
      acquisitionChannel: null,
      tags: [],
      marketingConsent: false,
    };
    const segments = [{ key: "at_risk_vip", kind: "BUILTIN" as const, name: "At-risk VIP", rule: null, state: null }];
    expect(await renderPanel({ metrics: { ...metrics, probabilityAlive: null }, fit: noSpendFit, facts, segments }, "en")).toContain("VIP without a purchase for 142 days; at risk from 120 days");
  });
});
