import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { pageContext } from "@/tests/support/render-server-page";

const { nextIntlServerMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
vi.mock("next-intl/server", () => nextIntlServerMock());

const { PageSkeleton } = await import("./page-skeleton");

describe("the loading skeleton", () => {
  it.each([
    ["en", "Loading…"],
    ["de", "Wird geladen…"],
    ["pl", "Ładowanie…"],
  ] as const)("is a busy status named in %s", async (locale, label) => {
    pageContext.locale = locale;
    for (const layout of ["profile", "form", "table"] as const) {
      const html = renderToStaticMarkup(await PageSkeleton({ layout }));
      expect(html).toMatch(/^<div role="status" aria-busy="true" aria-live="polite"/);
      expect(html).toContain(`<span class="sr-only">${label}</span>`);
    }
  });
});
