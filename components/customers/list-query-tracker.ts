/**
 * The customers list's filters change the URL by navigating, and the page shows the new state only when the
 * server has answered. A change made meanwhile (a country picked while the delayed search is waiting, or the other
 * way round) must build on what was last asked for, not on what is still on screen, or it undoes the earlier
 * change. A state that arrives without being asked for (back/forward, a link) becomes the base again.
 */
import { customerListSearch, type CustomerListQuery } from "@/lib/schemas/customer-list";

export class ListQueryTracker {
  #latest: CustomerListQuery;
  /** Search strings asked for and not shown yet, oldest first. */
  #requested: string[] = [];

  constructor(shown: CustomerListQuery) {
    this.#latest = shown;
  }

  /** The state the next change builds on. */
  get latest(): CustomerListQuery {
    return this.#latest;
  }

  /** A change on top of the latest state, back on page 1; returns the search string to navigate to. */
  request(change: Partial<CustomerListQuery>): string {
    this.#latest = { ...this.#latest, ...change, page: 1 };
    const search = customerListSearch(this.#latest);
    this.#requested.push(search);
    return search;
  }

  /**
   * The page now shows `shown`. Returns true when the search box must follow it: a state nobody here asked for
   * with another search term (back/forward). Safe to call twice with the same state.
   */
  shown(shown: CustomerListQuery): boolean {
    const search = customerListSearch(shown);
    const index = this.#requested.indexOf(search);
    if (index >= 0) {
      this.#requested.splice(0, index + 1);
      if (this.#requested.length === 0) this.#latest = shown;
      return false;
    }
    if (search === customerListSearch(this.#latest)) return false;
    const isNewSearch = (shown.q ?? "") !== (this.#latest.q ?? "");
    this.#requested = [];
    this.#latest = shown;
    return isNewSearch;
  }
}
