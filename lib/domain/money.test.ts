import { describe, expect, it } from "vitest";
import { averageMinor, formatMoney, parseAmountToMinor, roundMinor } from "./money";

describe("money", () => {
  it("rounds half away from zero", () => {
    expect([roundMinor(2.5), roundMinor(-2.5), roundMinor(2.4999), roundMinor(0)]).toEqual([3, -3, 2, 0]);
    expect(() => roundMinor(Number.NaN)).toThrow(RangeError);
  });

  it("averages to whole minor units and has no average of nothing", () => {
    expect(averageMinor(1000, 3)).toBe(333);
    expect(averageMinor(1001, 2)).toBe(501);
    expect(averageMinor(500, 0)).toBeNull();
  });

  it("formats for the reader's locale with the currency's own digits", () => {
    expect(formatMoney(123456, "EUR", "de")).toBe("1.234,56\u00a0€");
    expect(formatMoney(123456, "EUR", "en")).toBe("€1,234.56");
    expect(formatMoney(123456, "PLN", "pl")).toBe("1234,56\u00a0zł");
    expect(formatMoney(1500, "JPY", "en")).toBe("¥1,500");
  });

  it.each([
    ["12", 1200],
    ["12.5", 1250],
    ["12,50", 1250],
    ["1.234,50", 123450],
    ["1,234.50", 123450],
    ["1 234,50", 123450],
    ["-3,10", -310],
    ["0.99", 99],
  ])("parses %s as %d cents", (text, expected) => {
    expect(parseAmountToMinor(text, "EUR")).toBe(expected);
  });

  it.each(["", "abc", "12.345", "1.234", "1,234,5", "1.2.3", "12,5,0", "€12", "12,", "1.23.456"])("rejects %s", (text) => {
    expect(parseAmountToMinor(text, "EUR")).toBeNull();
  });

  it("uses a known decimal separator to settle what would be ambiguous", () => {
    expect(parseAmountToMinor("1.234", "EUR", ",")).toBe(123400);
    expect(parseAmountToMinor("1,234", "EUR", ".")).toBe(123400);
    expect(parseAmountToMinor("1.234.567,8", "EUR", ",")).toBe(123456780);
    expect(parseAmountToMinor("12,345", "EUR", ",")).toBeNull();
    expect(parseAmountToMinor("1.5", "EUR", ",")).toBeNull();
  });
});
