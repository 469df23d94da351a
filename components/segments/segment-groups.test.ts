import { describe, expect, it } from "vitest";
import { parseCustomerListQuery } from "@/lib/schemas/customer-list";
import { groupSegments, segmentMembersHref, shareOfCustomers } from "./segment-groups";

const segment = (key: string, kind: "BUILTIN" | "RFM" | "CUSTOM") => ({ key, kind });

describe("segments page groups", () => {
  it("orders built-in segments VIP first and RFM groups as documented, custom ones as given", () => {
    const groups = groupSegments([
      segment("lost", "BUILTIN"),
      segment("rfm:lost", "RFM"),
      segment("custom:b", "CUSTOM"),
      segment("vip", "BUILTIN"),
      segment("rfm:champions", "RFM"),
      segment("at_risk_vip", "BUILTIN"),
      segment("custom:a", "CUSTOM"),
      segment("new", "BUILTIN"),
    ]);
    expect(groups.builtIn.map((s) => s.key)).toEqual(["vip", "at_risk_vip", "new", "lost"]);
    expect(groups.rfm.map((s) => s.key)).toEqual(["rfm:champions", "rfm:lost"]);
    expect(groups.custom.map((s) => s.key)).toEqual(["custom:b", "custom:a"]);
  });

  it("leaves out built-in segments it has no words for", () => {
    expect(groupSegments([segment("whales", "BUILTIN"), segment("rfm:whales", "RFM")])).toEqual({ builtIn: [], rfm: [], custom: [] });
  });

  it("links to the members sorted by total CLV, in a URL the customers list reads back", () => {
    expect(segmentMembersHref("rfm:champions")).toBe("/customers?segment=rfm:champions&sort=totalClv");
    const key = "custom:1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b";
    const query = parseCustomerListQuery(new URLSearchParams(segmentMembersHref(key).split("?")[1]));
    expect(query).toMatchObject({ segment: key, sort: "totalClv", dir: "desc" });
  });

  it("gives each segment's share of live customers", () => {
    expect(shareOfCustomers(25, 200)).toBe(0.125);
    expect(shareOfCustomers(0, 0)).toBe(0);
  });
});
