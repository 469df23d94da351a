import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";

describe("CSV cells", () => {
  it.each([
    ["plain", "plain"],
    ["with, comma", '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=HYPERLINK(\"http://x\")", '"\'=HYPERLINK(""http://x"")"'],
    ["+49 30 1234", "'+49 30 1234"],
    ["@SUM(A1)", "'@SUM(A1)"],
  ])("%j → %s", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("writes numbers, booleans, dates and empty values", () => {
    expect(csvLine([12.5, -3, true, null, undefined, new Date("2026-01-02T03:04:05Z")])).toBe("12.5,-3,true,,,2026-01-02T03:04:05.000Z\r\n");
  });
});
