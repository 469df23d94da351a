import { describe, expect, it } from "vitest";
import { parseCustomerListQuery } from "@/lib/schemas/customer-list";
import { ListQueryTracker } from "./list-query-tracker";

const state = (search: string) => parseCustomerListQuery(new URLSearchParams(search));

describe("the customers list's filter state", () => {
  it("a delayed search that fires after a filter was picked keeps that filter (the server has not answered yet)", () => {
    const tracker = new ListQueryTracker(state("sort=totalSpent&page=3"));
    expect(tracker.request({ country: "DE" })).toBe("?country=DE&sort=totalSpent");
    // The search typed before the country was picked fires now; the page still shows the old state.
    expect(tracker.request({ q: "anna" })).toBe("?q=anna&country=DE&sort=totalSpent");
  });

  it("the answers to its own requests do not move the search box, even when an older one arrives late", () => {
    const tracker = new ListQueryTracker(state(""));
    tracker.request({ q: "ann" });
    tracker.request({ q: "anna" });
    expect(tracker.shown(state("q=ann"))).toBe(false);
    expect(tracker.latest.q).toBe("anna");
    expect(tracker.shown(state("q=anna"))).toBe(false);
    expect(tracker.latest.q).toBe("anna");
  });

  it("back and forward bring the search box along, and later changes build on that state", () => {
    const tracker = new ListQueryTracker(state("q=anna&country=DE"));
    expect(tracker.shown(state("q=bert"))).toBe(true);
    expect(tracker.shown(state("q=bert"))).toBe(false);
    expect(tracker.request({ tag: "vip" })).toBe("?q=bert&tag=vip");
  });

  it("a page or sort change from the table moves the base but not the search box", () => {
    const tracker = new ListQueryTracker(state("q=anna"));
    expect(tracker.shown(state("q=anna&page=2"))).toBe(false);
    expect(tracker.latest.page).toBe(2);
    expect(tracker.request({ channel: "web" })).toBe("?q=anna&channel=web");
  });
});
