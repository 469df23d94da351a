import { describe, expect, it } from "vitest";
import { DEFAULT_VIP_RULE, isVip, UNREACHABLE_LINE, validateVipRule, type VipRule, vipLines } from "./vip";

const topPercent = (enterTopPercent: number, exitTopPercent: number): VipRule => ({ ...DEFAULT_VIP_RULE, mode: "topPercent", enterTopPercent, exitTopPercent });
const hundred = Array.from({ length: 100 }, (_, i) => (i + 1) * 1000); // 1,000 … 100,000

describe("VIP lines", () => {
  it("are the amounts themselves in amount mode, whatever the customers are worth", () => {
    expect(vipLines({ ...DEFAULT_VIP_RULE, mode: "amount" }, hundred)).toEqual({ enterMinor: 100_000, exitMinor: 80_000 });
  });

  it("draw the top N % at the smallest value among the top ⌈N % × n⌉", () => {
    expect(vipLines(topPercent(5, 7), hundred)).toEqual({ enterMinor: 96_000, exitMinor: 94_000 });
    expect(vipLines(topPercent(1, 1.5), hundred)).toEqual({ enterMinor: 100_000, exitMinor: 99_000 });
  });

  it("round the count up, so a small base still has a VIP", () => {
    expect(vipLines(topPercent(5, 7), [300, 100, 200])).toEqual({ enterMinor: 300, exitMinor: 300 });
  });

  it("count exact shares exactly: 7 % of 100 is 7 customers, not 8", () => {
    expect(vipLines(topPercent(7, 7), hundred).enterMinor).toBe(94_000);
    expect(vipLines(topPercent(0.1, 0.1), Array.from({ length: 1000 }, (_, i) => i + 1)).enterMinor).toBe(1000);
  });

  it("let every customer tied at the line in", () => {
    const values = [500, 400, 400, 400, 100, 100, 100, 100, 100, 100];
    const lines = vipLines(topPercent(20, 20), values);
    expect(lines.enterMinor).toBe(400);
    expect(values.filter((value) => isVip(value, false, lines))).toHaveLength(4);
  });

  it("leave out customers worth nothing or not scored, from the count as well as from the list", () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 0, Number.NaN, 50, 40];
    expect(vipLines(topPercent(50, 100), values)).toEqual({ enterMinor: 50, exitMinor: 40 });
  });

  it("are out of reach when nobody has a positive value, and still finite", () => {
    expect(vipLines(topPercent(5, 7), [0, 0])).toEqual({ enterMinor: UNREACHABLE_LINE, exitMinor: UNREACHABLE_LINE });
    expect(vipLines(topPercent(5, 7), [])).toEqual({ enterMinor: Number.MAX_SAFE_INTEGER, exitMinor: Number.MAX_SAFE_INTEGER });
  });
});

describe("VIP hysteresis", () => {
  const lines = { enterMinor: 100_000, exitMinor: 80_000 };
  it.each<[string, number | null, boolean, boolean]>([
    ["enters on the entry line", 100_000, false, true],
    ["a non-VIP between the lines does not enter", 90_000, false, false],
    ["a VIP who drops between the lines stays", 90_000, true, true],
    ["a VIP stays on the exit line", 80_000, true, true],
    ["a VIP below the exit line leaves", 79_999, true, false],
    ["nobody without a value is a VIP", null, true, false],
  ])("%s", (_name, value, wasVip, expected) => {
    expect(isVip(value, wasVip, lines)).toBe(expected);
  });

  it("never makes a customer worth nothing a VIP, whatever the lines", () => {
    expect(isVip(0, false, { enterMinor: 0, exitMinor: 0 })).toBe(false);
    expect(isVip(0, true, { enterMinor: 0, exitMinor: 0 })).toBe(false);
  });
});

describe("VIP rule validation", () => {
  it("accepts the default", () => {
    expect(() => validateVipRule(DEFAULT_VIP_RULE)).not.toThrow();
  });

  it.each<[string, Partial<VipRule>]>([
    ["an exit amount above the entry amount", { exitAmountMinor: 100_001 }],
    ["a negative amount", { enterAmountMinor: -1, exitAmountMinor: -2 }],
    ["an entry amount of 0", { mode: "amount", enterAmountMinor: 0, exitAmountMinor: 0 }],
    ["an exit amount of 0", { exitAmountMinor: 0 }],
    ["a fractional amount", { exitAmountMinor: 10.5 }],
    ["an exit share below the entry share", { exitTopPercent: 4 }],
    ["a share of 0 %", { enterTopPercent: 0 }],
    ["a share above 100 %", { exitTopPercent: 101 }],
    ["an unknown basis", { basis: "historical" as VipRule["basis"] }],
  ])("rejects %s", (_name, override) => {
    expect(() => validateVipRule({ ...DEFAULT_VIP_RULE, ...override })).toThrow(RangeError);
    expect(() => vipLines({ ...DEFAULT_VIP_RULE, ...override }, hundred)).toThrow(RangeError);
  });
});
