import { describe, expect, it } from "vitest";
import { customerListSearch, parseCustomerListQuery } from "./customer-list";

describe("customers list URL state", () => {
  it("uses defaults for an empty URL", () => {
    expect(parseCustomerListQuery({})).toEqual({
      q: undefined, country: undefined, channel: undefined, tag: undefined, segment: undefined, sort: "name", dir: "asc", page: 1, pageSize: 25,
    });
  });

  it("reads every parameter", () => {
    const query = parseCustomerListQuery(new URLSearchParams("q=anna&country=de&channel=referral&tag=VIP&segment=at_risk_vip&sort=totalSpent&page=3&pageSize=50"));
    expect(query).toEqual({ q: "anna", country: "DE", channel: "referral", tag: "vip", segment: "at_risk_vip", sort: "totalSpent", dir: "desc", page: 3, pageSize: 50 });
  });

  it("falls back to defaults for malformed values instead of failing", () => {
    const query = parseCustomerListQuery({ sort: "password", dir: "sideways", page: "-4", pageSize: "1000000", q: ["a", "b"] });
    expect(query).toMatchObject({ q: "a", sort: "name", dir: "asc", page: 1, pageSize: 25 });
  });

  it("sorts by value largest first and by P(alive) most-at-risk first unless told otherwise", () => {
    expect(parseCustomerListQuery({ sort: "totalClv" }).dir).toBe("desc");
    expect(parseCustomerListQuery({ sort: "historicalValue" })).toMatchObject({ sort: "historicalValue", dir: "desc" });
    expect(parseCustomerListQuery({ sort: "probabilityAlive" }).dir).toBe("asc");
  });

  it("round-trips through the URL, leaving out defaults", () => {
    const query = parseCustomerListQuery({ sort: "lastOrderAt", dir: "asc", tag: "b2b", segment: "vip" });
    const search = customerListSearch(query, { page: 2 });
    expect(search).toBe("?tag=b2b&segment=vip&sort=lastOrderAt&dir=asc&page=2");
    expect(parseCustomerListQuery(new URLSearchParams(search))).toEqual({ ...query, page: 2 });
    expect(customerListSearch(parseCustomerListQuery({}))).toBe("");
  });
});
