import { describe, expect, it } from "vitest";
import { clampPage, lastPageOf } from "./pagination";

describe("pages", () => {
  it.each([
    [0, 25, 1],
    [1, 25, 1],
    [25, 25, 1],
    [26, 25, 2],
    [2000, 25, 80],
  ])("%i items, %i per page: the last page is %i", (total, pageSize, last) => {
    expect(lastPageOf(total, pageSize)).toBe(last);
  });

  it("keeps a page that exists and brings one past the end back to the last page", () => {
    expect(clampPage(3, 2000, 25)).toBe(3);
    expect(clampPage(999, 2000, 25)).toBe(80);
    expect(clampPage(999, 0, 25)).toBe(1);
    expect(clampPage(0, 100, 25)).toBe(1);
  });
});
