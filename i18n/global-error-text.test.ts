import { describe, expect, it } from "vitest";
import { CATALOGS } from "./catalogs";
import { GLOBAL_ERROR_TEXT, globalErrorLocale } from "./global-error-text";
import { LOCALES } from "./locales";

describe("the page for a failed root layout", () => {
  it.each(LOCALES)("says the same as the %s catalog", (locale) => {
    const errors = CATALOGS[locale].errors as Record<string, string>;
    expect(GLOBAL_ERROR_TEXT[locale]).toEqual({ title: errors.unexpectedTitle, retry: errors.retry });
  });

  it("speaks the browser's first supported language, English otherwise", () => {
    expect(globalErrorLocale(["pl-PL", "en-US"])).toBe("pl");
    expect(globalErrorLocale(["fr-FR", "de-AT", "en"])).toBe("de");
    expect(globalErrorLocale(["fr-FR"])).toBe("en");
    expect(globalErrorLocale([])).toBe("en");
  });
});
