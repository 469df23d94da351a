/**
 * The dashboard's cards rendered against a real database, in every language: what they say with no data, with
 * a demo shop, and with the degenerate model states (too little data, no spend model, a failed or skipped
 * backtest). Every message key must exist (a missing one throws) and nothing may read NaN, undefined or Infinity.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { formatMoney } from "@/lib/domain/money";
import { recomputeCustomerValue } from "@/lib/services/recompute-customer-value";
import { renderPage, visibleText, type Locale } from "@/tests/support/render-server-page";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { ClvCacSection } from "./clv-cac-section";
import { ClvDistributionSection } from "./clv-distribution-section";
import { KeyFiguresSection } from "./key-figures-section";
import { ModelQualitySection } from "./model-quality-section";
import { RevenueForecastSection } from "./revenue-forecast-section";
import { SegmentSizesSection } from "./segment-sizes-section";

const { nextIntlServerMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
vi.mock("next-intl/server", () => nextIntlServerMock());

const EUR = { currency: "EUR", locale: "en" };
const costs = { organic_search: 1500, paid_search: 9000, social: 200_000 };

async function renderAll(locale: Locale) {
  const options = { currency: "EUR", locale };
  return Promise.all([
    renderPage(() => KeyFiguresSection({ ...options, horizonMonths: 12 }), locale),
    renderPage(() => ClvDistributionSection({ currency: "EUR" }), locale),
    renderPage(() => SegmentSizesSection(options), locale),
    renderPage(() => RevenueForecastSection(options), locale),
    renderPage(() => ClvCacSection({ ...options, costs, canEditCosts: true }), locale),
    renderPage(() => ModelQualitySection(), locale),
  ]);
}

describe("the dashboard before there is any data", () => {
  it("says in plain words that nothing has been computed or bought yet", async () => {
    const [figures, distribution, segments, forecast, cac, model] = (await renderAll("en")).map(visibleText);
    expect(figures).toContain("Customers 0");
    expect(figures).toContain("Predicted value, next 12 months Not available");
    expect(figures).toContain("No purchases yet");
    expect(distribution).toContain("No customer has bought anything yet");
    expect(segments).toContain("VIP");
    expect(forecast).toContain("CLV has not been computed yet, so there is no forecast.");
    // Channels with a cost but no customers yet are listed without a ratio; with no costs either, nothing is.
    expect(cac).toContain("Organic search 0 — €15.00 —");
    expect(visibleText(await renderPage(() => ClvCacSection({ ...EUR, costs: {}, canEditCosts: true })))).toContain("There are no customers yet.");
    expect(model).toContain("CLV has not been computed yet.");
  });
});

describe("the dashboard of a demo shop", () => {
  beforeAll(async () => {
    await seedShop(250);
    await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
  });

  it.each(["en", "de", "pl"] as const)("renders every card in %s with every message and no broken number", async (locale) => {
    const cards = await renderAll(locale);
    expect(cards.every((html) => html.includes("aria-labelledby"))).toBe(true);
  });

  it("shows the key figures with links to the VIP lists", async () => {
    const html = await renderPage(() => KeyFiguresSection({ ...EUR, horizonMonths: 12 }));
    expect(html).toContain('href="/customers?segment=vip&amp;sort=totalClv"');
    expect(html).toContain('href="/customers?segment=at_risk_vip&amp;sort=totalClv"');
    expect(visibleText(html)).toMatch(/Customers 250 not archived/);
    expect(visibleText(html)).toMatch(/Total CLV €[\d,.]+ historical plus predicted/);
  });

  it("charts the CLV histogram and the segment sizes with a summary and a table of the same numbers", async () => {
    const histogram = await renderPage(() => ClvDistributionSection({ currency: "EUR" }));
    // Round edges without decimals: "under €20", "€1K to under €2K", "€50K or more".
    expect(histogram).toMatch(/role="img" aria-label="Histogram of total CLV for \d+ customers who bought, in \d+ bins from under €\d+ to €\d+K or more\./);
    expect(visibleText(histogram)).toMatch(/€1K to under €2K \d+ [\d.]+%/);
    expect(visibleText(histogram)).toContain("Show the numbers as a table");
    const segments = visibleText(await renderPage(() => SegmentSizesSection(EUR)));
    expect(segments).toMatch(/Segment Kind Members Share of customers Average CLV VIP Built-in \d+ [\d.]+% €[\d,.]+ At-risk VIP Built-in/);
    expect(segments).toMatch(/Lost \(RFM\) RFM group \d+/);
  });

  it("forecasts twelve months from the fit, named after the months that follow the end of the data, with their total", async () => {
    const fit = await db.clvModelFit.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const revenue = (fit.forecast as { revenueMinor: number[] }).revenueMinor;
    const total = revenue.reduce((sum, month) => sum + month, 0);
    const html = await renderPage(() => RevenueForecastSection(EUR));
    expect(visibleText(html)).toContain(`Next 12 months in total ${formatMoney(total, "EUR", "en")}`);
    // TEST_NOW is 1 June 2026: the forecast runs June 2026 to May 2027.
    expect(html).toContain(`aria-label="Bar chart of expected revenue per month from June 2026 to May 2027: ${formatMoney(total, "EUR", "en")} in total."`);
    expect(visibleText(html)).toContain(`June 2026 ${formatMoney(revenue[0]!, "EUR", "en")}`);
    expect(visibleText(html)).toContain(`May 2027 ${formatMoney(revenue[11]!, "EUR", "en")}`);
  });

  it("sets CLV against acquisition cost per channel, with the verdict in words, and says where costs are missing", async () => {
    const html = visibleText(await renderPage(() => ClvCacSection({ ...EUR, costs, canEditCosts: true })));
    expect(html).toContain("Organic search");
    expect(html).toMatch(/Organic search [\d,]+ €[\d,.]+ €15\.00 [\d.]+ : 1 ✓ Healthy/);
    expect(html).toMatch(/Social media [\d,]+ €[\d,.]+ €2,000\.00 0\.\d : 1 ✕ Losing money/);
    expect(html).toMatch(/Referral [\d,]+ €[\d,.]+ not set —/);
    expect(html).toContain("Enter acquisition costs in the settings");
    const forManager = visibleText(await renderPage(() => ClvCacSection({ ...EUR, costs, canEditCosts: false })));
    expect(forManager).toContain("can be entered by an admin");
  });

  it("names the chosen model, how it was chosen, and the backtest that chose it", async () => {
    const fit = await db.clvModelFit.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const html = await renderPage(() => ModelQualitySection());
    const words = visibleText(html);
    const name = fit.purchaseModel === "pnbd" ? "Pareto/NBD" : "BG/NBD";
    expect(words).toContain(`Purchase model ${name} chosen automatically by the backtest`);
    expect(words).toMatch(/Spend model \(Gamma-Gamma\) p = [\d.]+, q = [\d.]+, γ = [\d.]+/);
    expect(words).toMatch(new RegExp(`${name.replace("/", "\\/")} (won by [\\d.]+% lower mean absolute error|was the only model)`));
    expect(words).toMatch(/Holdout of \d+ weeks from/);
    expect(html).toContain(`aria-label="Grouped bar chart of actual and predicted purchases per customer in the holdout for ${name}`);
  });
});

describe("the dashboard with a model that could not be fitted", () => {
  async function addFit(changes: Record<string, unknown>) {
    const latest = await db.clvModelFit.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const { id: _id, createdAt, ...rest } = latest;
    // A copy of the fit in force with `changes`, a minute newer so it becomes the one in force.
    const data = { ...(rest as Record<string, unknown>), ...changes, createdAt: new Date(createdAt.getTime() + 60_000) };
    await db.clvModelFit.create({ data: data as Parameters<typeof db.clvModelFit.create>[0]["data"] });
  }

  it("says there is too little data, why, and that historical and simple figures are shown instead", async () => {
    await addFit({
      status: "NOT_ENOUGH_DATA",
      purchaseModel: null,
      purchaseParams: undefined,
      purchaseLogLikelihood: null,
      purchaseConverged: null,
      spendParams: undefined,
      spendConverged: null,
      forecast: undefined,
      backtest: undefined,
      unavailable: { purchase: { cause: "TOO_FEW_REPEAT_BUYERS", message: "3 repeat customers are too few to fit the model (at least 5 needed)." } },
    });
    const model = visibleText(await renderPage(() => ModelQualitySection()));
    expect(model).toContain("Not enough data for a purchase model There are too few repeat customers to fit a model.");
    expect(model).toContain("Details: 3 repeat customers are too few");
    expect(model).toContain("the app shows historical and simple-formula figures");
    expect(model).toContain("The backtest has not run");
    expect(visibleText(await renderPage(() => RevenueForecastSection(EUR)))).toContain("too little order history for a purchase model");
    const german = visibleText(await renderPage(() => ModelQualitySection(), "de"));
    expect(german).toContain("Es gibt zu wenige Wiederkäufer");
  });

  it("says the spend model is unavailable, and reports a failed backtest or one skipped because an admin fixed the model", async () => {
    await addFit({
      status: "OK",
      purchaseModel: "bgnbd",
      purchaseParams: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 },
      purchaseLogLikelihood: -9582.43,
      purchaseConverged: false,
      spendParams: undefined,
      spendConverged: null,
      forecast: undefined,
      selection: "auto",
      unavailable: { spend: { cause: "NO_SPEND", message: "No customer has a repeat purchase with a positive amount." } },
      backtest: { ok: false, reason: "NOT_ENOUGH_DATA", cause: "TOO_FEW_CUSTOMERS", message: "12 customers are too few." },
    });
    const model = visibleText(await renderPage(() => ModelQualitySection()));
    expect(model).toContain("Purchase model BG/NBD chosen automatically by the backtest");
    expect(model).toContain("r = 0.24, α = 4.41, a = 0.79, b = 2.43");
    expect(model).toContain("Log-likelihood -9,582.4");
    expect(model).toContain("Converged no: the optimiser stopped");
    expect(model).toContain("Spend model (Gamma-Gamma) Not available: No repeat purchase has a positive amount.");
    expect(model).toContain("The backtest could not fit the models: There are too few customers to fit a model.");
    expect(visibleText(await renderPage(() => RevenueForecastSection(EUR)))).toContain("the spend model could not be fitted");

    await addFit({ selection: "fixed", backtest: undefined });
    const fixed = visibleText(await renderPage(() => ModelQualitySection()));
    expect(fixed).toContain("BG/NBD fixed by an admin");
    expect(fixed).toContain("No backtest: an admin fixed the purchase model");
  });

  it("shows predicted against actual for the model an admin fixed, from the backtest that still runs for it", async () => {
    const first = await db.clvModelFit.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    const backtest = first.backtest as { ok: true; chosen: "bgnbd" | "pnbd"; models: Record<string, { ok: boolean }> };
    // The model the backtest did not choose, fixed by an admin: the chart must be of that one.
    const fixedModel = backtest.chosen === "bgnbd" ? "pnbd" : "bgnbd";
    expect(backtest.models[fixedModel]!.ok).toBe(true);
    await addFit({ status: "OK", selection: "fixed", purchaseModel: fixedModel, purchaseParams: first.purchaseParams, spendParams: first.spendParams, unavailable: undefined, backtest: first.backtest });
    const html = await renderPage(() => ModelQualitySection());
    const name = fixedModel === "pnbd" ? "Pareto/NBD" : "BG/NBD";
    expect(visibleText(html)).toContain(`An admin fixed ${name} as the purchase model; the backtest still judges both.`);
    expect(visibleText(html)).toContain(`${name} (in use)`);
    expect(html).toContain(`aria-label="Grouped bar chart of actual and predicted purchases per customer in the holdout for ${name}`);
    expect(visibleText(await renderPage(() => ModelQualitySection(), "pl"))).toContain(`Administrator ustalił ${name} jako model zakupów`);
  });
});
