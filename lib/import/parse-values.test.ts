import { describe, expect, it } from "vitest";
import { parseAmountToMinor } from "@/lib/domain/money";
import { cachedCurrencyDigits, detectDecimalSeparator, parseAmountWithDigits, parseImportBoolean, parseImportDate, parseImportInteger } from "./parse-values";

describe("dates in a file", () => {
  it.each([
    ["2026-03-01", "2026-03-01T00:00:00.000Z"],
    ["2026-03-01T10:15:00Z", "2026-03-01T10:15:00.000Z"],
    ["2026-03-01T10:15:00.250Z", "2026-03-01T10:15:00.250Z"],
    ["2026-03-01T10:15:00+01:00", "2026-03-01T09:15:00.000Z"],
    ["2026-03-01T10:15-0230", "2026-03-01T12:45:00.000Z"],
    ["2026-03-01 10:15", "2026-03-01T10:15:00.000Z"],
    ["01.03.2026", "2026-03-01T00:00:00.000Z"],
    ["1.3.2026", "2026-03-01T00:00:00.000Z"],
    ["01.03.2026 10:15", "2026-03-01T10:15:00.000Z"],
    ["01.03.2026 10:15:30", "2026-03-01T10:15:30.000Z"],
    [" 29.02.2028 ", "2028-02-29T00:00:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(parseImportDate(text)?.toISOString()).toBe(iso);
  });

  it.each(["31.02.2026", "29.02.2026", "2026-13-01", "2026-02-30", "2026-03-01T24:00", "03/01/2026", "1 March 2026", "", "2026-03-01T10:15+15:00", "32.01.2026"])("refuses %j", (text) => {
    expect(parseImportDate(text)).toBeNull();
  });
});

describe("yes and no", () => {
  it.each([
    ["yes", true], ["Ja", true], ["tak", true], ["1", true], ["x", true], ["TRUE", true],
    ["no", false], ["nein", false], ["nie", false], ["0", false], ["", false], ["false", false],
  ])("%j is %s", (text, value) => {
    expect(parseImportBoolean(text)).toBe(value);
  });

  it("refuses anything else", () => {
    expect(parseImportBoolean("maybe")).toBeNull();
  });
});

describe("whole numbers", () => {
  it("reads plain integers and refuses decimals and words", () => {
    expect(parseImportInteger(" 3 ")).toBe(3);
    expect(parseImportInteger("+2")).toBe(2);
    expect(parseImportInteger("3.0")).toBeNull();
    expect(parseImportInteger("three")).toBeNull();
    expect(parseImportInteger("")).toBeNull();
  });
});

describe("the decimal mark of a file's amounts", () => {
  it("follows the sample: comma, point, or undecided", () => {
    expect(detectDecimalSeparator(["12,50", "1.234,50", "7"])).toBe(",");
    expect(detectDecimalSeparator(["12.50", "1,234.50"])).toBe(".");
    expect(detectDecimalSeparator(["1.234", "7", ""])).toBeUndefined();
  });
});

describe("amounts in minor units", () => {
  const cases: [string, "EUR" | "JPY" | "KWD", "." | "," | undefined][] = [];
  const texts = ["1234", "12,5", "12.50", "12,500", "12.500", "0.1", "999999999999999", "1234567890123,45", "12,3456", "1234.5", "1.234,50", "1 234,50", "-12", "+3", "1.234", "1,234", "1,234.56", "12,", ".5", "1.2.3", "1.234.567,89", "0,001", "12'345.50", "abc", "", "  7  ", "1,23,4", "99999999999999999999", "-0,5"];
  for (const text of texts) for (const currency of ["EUR", "JPY", "KWD"] as const) for (const separator of [undefined, ".", ","] as const) cases.push([text, currency, separator]);

  it.each(cases)("%j in %s with %s gives what parseAmountToMinor gives", (text, currency, separator) => {
    expect(parseAmountWithDigits(text, cachedCurrencyDigits(currency), separator)).toBe(parseAmountToMinor(text, currency, separator));
  });

  it("reads German and English notation into cents", () => {
    expect(parseAmountWithDigits("1.234,50", 2, ",")).toBe(123450);
    expect(parseAmountWithDigits("1,234.50", 2, ".")).toBe(123450);
    expect(parseAmountWithDigits("1.234", 2, undefined)).toBeNull();
  });
});
