import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

const current = vi.hoisted(() => ({ locale: "en" as "en" | "de" | "pl" }));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("use-intl/core");
  const { CATALOGS } = await import("@/i18n/catalogs");
  return {
    getTranslations: async (namespace?: string) =>
      createTranslator({
        locale: current.locale,
        messages: CATALOGS[current.locale] as never,
        namespace: namespace as never,
        onError: (error) => {
          throw error;
        },
      }),
  };
});

const { PageSkeleton } = await import("./page-skeleton");

describe("the loading skeleton", () => {
  it.each([
    ["en", "Loading…"],
    ["de", "Wird geladen…"],
    ["pl", "Ładowanie…"],
  ] as const)("is a busy status named in %s", async (locale, label) => {
    current.locale = locale;
    for (const layout of ["profile", "form", "table"] as const) {
      const html = renderToStaticMarkup(await PageSkeleton({ layout }));
      expect(html).toMatch(/^<div role="status" aria-busy="true" aria-live="polite"/);
      expect(html).toContain(`<span class="sr-only">${label}</span>`);
    }
  });
});
