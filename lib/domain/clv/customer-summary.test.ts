import { describe, expect, it } from "vitest";
import { ClvInputError, type CustomerSummary, validateSummary } from "./customer-summary";

describe("summary validation (the lifetimes _check_inputs rules)", () => {
  it.each<[string, CustomerSummary, string, RegExp]>([
    ["recency greater than T", { frequency: 2, recency: 40, T: 38 }, "recency", /cannot be greater than T/],
    ["negative frequency", { frequency: -1, recency: 0, T: 5 }, "frequency", /≥ 0/],
    ["fractional frequency", { frequency: 1.5, recency: 3, T: 5 }, "frequency", /whole number/],
    ["negative recency", { frequency: 1, recency: -2, T: 5 }, "recency", /≥ 0/],
    ["negative T", { frequency: 0, recency: 0, T: -1 }, "T", /≥ 0/],
    ["recency without repeat purchases", { frequency: 0, recency: 3, T: 5 }, "recency", /must be 0 when frequency is 0/],
    ["negative monetary value", { frequency: 1, recency: 3, T: 5, monetaryValue: -4 }, "monetaryValue", /≥ 0/],
    ["NaN", { frequency: Number.NaN, recency: 0, T: 5 }, "frequency", /number/],
  ])("rejects %s", (_name, row, field, message) => {
    let error: unknown;
    try {
      validateSummary(row, 7);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ClvInputError);
    expect(error).toMatchObject({ index: 7, field, code: "INVALID" });
    expect((error as Error).message).toMatch(message);
  });

  it.each<[string, CustomerSummary]>([
    ["a one-time buyer", { frequency: 0, recency: 0, T: 10 }],
    ["a repeat buyer whose last purchase is today", { frequency: 3, recency: 10, T: 10 }],
    ["a customer seen today for the first time", { frequency: 0, recency: 0, T: 0 }],
    ["recency equal to T after rounding", { frequency: 1, recency: 38.86, T: 38.86, monetaryValue: 0 }],
  ])("accepts %s", (_name, row) => {
    expect(() => validateSummary(row, 0)).not.toThrow();
  });
});
