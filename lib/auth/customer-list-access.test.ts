import { describe, expect, it } from "vitest";
import { parseCustomerListQuery } from "@/lib/schemas/customer-list";
import { allowedListQuery, canFilterBySegment } from "./customer-list-access";

const query = parseCustomerListQuery({ q: "anna", country: "de", segment: "vip", page: "2" });

describe("the customers list's segment filter", () => {
  it("is dropped for agents, who may not read segments, and the rest of the view is kept", () => {
    expect(canFilterBySegment("AGENT")).toBe(false);
    expect(allowedListQuery("AGENT", query)).toEqual({ ...query, segment: undefined });
    expect(allowedListQuery("AGENT", query)).toMatchObject({ q: "anna", country: "DE", page: 2 });
  });

  it("is kept for managers and admins", () => {
    expect(canFilterBySegment("MANAGER")).toBe(true);
    expect(allowedListQuery("MANAGER", query).segment).toBe("vip");
    expect(allowedListQuery("ADMIN", query).segment).toBe("vip");
  });
});
