import { describe, expect, it } from "vitest";
import { customerListSearch, parseCustomerListQuery } from "./customer-list";

describe("customers list URL state", () => {
  it("uses defaults for an empty URL", () => {
    expect(parseCustomerListQuery({})).toEqual({
      q: undefined, country: undefined, channel: undefined, tag: undefined, sort: "name", dir: "asc", page: 1, pageSize: 25,
    });
  });

  it("reads every parameter", () => {
    const query = parseCustomerListQuery(new URLSearchParams("q=anna&country=de&channel=referral&tag=VIP&sort=totalSpent&page=3&pageSize=50"));
    expect(query).toEqual({ q: "anna", country: "DE", channel: "referral", tag: "vip", sort: "totalSpent", dir: "desc", page: 3, pageSize: 50 });
  });

  it("falls back to defaults for malformed values instead of failing", () => {
    const query = parseCustomerListQuery({ sort: "password", dir: "sideways", page: "-4", pageSize: "1000000", q: ["a", "b"] });
    expect(query).toMatchObject({ q: "a", sort: "name", dir: "asc", page: 1, pageSize: 25 });
  });

  it("round-trips through the URL, leaving out defaults", () => {
    const query = parseCustomerListQuery({ sort: "lastOrderAt", dir: "asc", tag: "b2b" });
    const search = customerListSearch(query, { page: 2 });
    expect(search).toBe("?tag=b2b&sort=lastOrderAt&dir=asc&page=2");
    expect(parseCustomerListQuery(new URLSearchParams(search))).toEqual({ ...query, page: 2 });
    expect(customerListSearch(parseCustomerListQuery({}))).toBe("");
  });
});
