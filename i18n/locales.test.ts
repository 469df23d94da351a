import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./locales";

describe("language from the browser", () => {
  it.each([
    ["de-CH,de;q=0.9,en;q=0.8", "de"],
    ["pl-PL,pl;q=0.9", "pl"],
    ["fr-FR,fr;q=0.9,pl;q=0.5,de;q=0.4", "pl"],
    ["fr-FR", "en"],
    ["en-GB;q=0.2,de;q=0.8", "de"],
    ["", "en"],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
