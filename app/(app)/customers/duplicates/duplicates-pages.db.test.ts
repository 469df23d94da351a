/**
 * The duplicates list and the compare page rendered against a real database, in every language: no missing
 * message (a missing one throws), nothing undefined, and the accessible names the end-to-end test relies on.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { LOCALES } from "@/i18n/locales";
import { db } from "@/lib/db/client";
import { recomputeCustomerValue } from "@/lib/services/recompute-customer-value";
import { DEMO_USERS } from "@/prisma/factories/users";
import { renderPage, visibleText } from "@/tests/support/render-server-page";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import CompareDuplicatesPage from "./compare/page";
import { DuplicatesTable } from "./duplicates-table";
import { PossibleDuplicates } from "./possible-duplicates";

const { nextIntlServerMock, sessionMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
vi.mock("next-intl/server", () => nextIntlServerMock());
vi.mock("@/lib/auth/session", () => sessionMock());

/** The value of the checked radio button of a group. */
function checked(html: string, name: string): string | undefined {
  const input = [...html.matchAll(/<input [^>]*>/g)].map((match) => match[0]).find((tag) => tag.includes(`name="${name}"`) && tag.includes('checked=""'));
  return input ? /value="([^"]*)"/.exec(input)?.[1] : undefined;
}

const pair = { seeded: { id: "", name: "" }, twin: { id: "" } };

beforeAll(async () => {
  await seedShop(30);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
  // A twin of the showcase business customer: the same name and phone, written differently, with a note.
  const seeded = await db.customer.findFirstOrThrow({ where: { name: "Thomas Müller" }, select: { id: true, name: true, phone: true } });
  const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
  const twin = await db.customer.create({
    data: { name: "thomas müller", phone: "+49401234567", email: "t.mueller@example.com", tags: ["wholesale lead"], customAttributes: { vatId: "DE123" }, marketingConsent: true, marketingConsentAt: TEST_NOW, ownerId: manager.id },
    select: { id: true },
  });
  await db.note.create({ data: { customerId: twin.id, body: "Second account for the café." } });
  Object.assign(pair, { seeded, twin });
});

describe("the duplicates list", () => {
  it.each(LOCALES)("renders in %s", async (locale) => {
    await renderPage(() => DuplicatesTable({ after: null }), locale);
  });

  it("shows the pair with its reason, figures and a named compare link", async () => {
    const html = await renderPage(() => DuplicatesTable({ after: null }));
    expect(visibleText(html)).toContain("1 pair of possible duplicates");
    expect(visibleText(html)).toContain("Same name and phone");
    expect(html).toContain('aria-label="Compare Thomas Müller and thomas müller"');
    expect(html).toContain(`/customers/duplicates/compare?a=${pair.seeded.id}&amp;b=${pair.twin.id}`);
    expect(html).toContain("<caption");
  });
});

describe("the compare page", () => {
  const page = (a: string, b: string) => () => CompareDuplicatesPage({ searchParams: Promise.resolve({ a, b }) });

  it.each(LOCALES)("renders in %s", async (locale) => {
    await renderPage(page(pair.seeded.id, pair.twin.id), locale);
  });

  it("shows both customers side by side with a choice per field, the survivor, and what the merge moves", async () => {
    const html = await renderPage(page(pair.seeded.id, pair.twin.id));
    const words = visibleText(html);
    expect(html).toContain('aria-label="Merge customers"');
    expect(words).toContain("What each customer has");
    expect(words).toContain("Keep customer 1: Thomas Müller");
    expect(words).toContain("Keep customer 2: thomas müller");
    // The more valuable customer stays by default; empty fields are filled from the other one.
    expect(checked(html, "survivor")).toBe("a");
    expect(checked(html, "email")).toBe("a");
    expect(checked(html, "company")).toBe("a");
    // Consent comes from the more recent decision: the twin agreed on TEST_NOW.
    expect(checked(html, "marketingConsent")).toBe("b");
    expect(checked(html, "tags")).toBe("union");
    expect(html).toContain('aria-label="Customer 1: einkauf@mueller-roesterei.example.de"');
    expect(html).toContain('aria-label="Customer 2: t.mueller@example.com"');
    expect(html).toContain('aria-label="Customer 2: +49401234567"');
    for (const legend of ["Which customer stays?", "Name", "Email", "Phone", "Marketing consent", "Owner", "Tags", "Custom attributes"]) expect(html).toContain(`<legend class="sr-only">${legend}</legend>`);
    expect(words).toContain("Both customers' tags: b2b, wholesale, wholesale lead");
    expect(words).toContain("Customer 2 (thomas müller) is merged into customer 1 (Thomas Müller): no orders, 1 note and no tasks move over");
    expect(html).toContain(">Merge customers</button>");
  });

  it("explains instead of offering a merge when there is nothing to merge", async () => {
    expect(visibleText(await renderPage(page(pair.twin.id, pair.twin.id)))).toContain("This is the same customer twice");
    const archived = await db.customer.create({ data: { name: "Thomas Müller", archivedAt: TEST_NOW }, select: { id: true } });
    const html = await renderPage(page(pair.seeded.id, archived.id), "de");
    expect(visibleText(html)).toContain("Kunde 2 ist archiviert");
    expect(html).not.toContain("<form");
  });
});

describe("the hint on a profile", () => {
  it.each(LOCALES)("names the possible duplicate with a compare link in %s, for those who may merge", async (locale) => {
    const html = await renderPage(async () => PossibleDuplicates({ customerId: pair.twin.id, role: "MANAGER" }), locale);
    expect(html).toContain(`/customers/duplicates/compare?a=${pair.seeded.id}&amp;b=${pair.twin.id}`);
    expect(html).toContain("Thomas Müller");
  });

  it("says nothing to an agent, or about a customer without duplicates", async () => {
    expect(await renderPage(async () => PossibleDuplicates({ customerId: pair.twin.id, role: "AGENT" }))).toBe("");
    const other = await db.customer.findFirstOrThrow({ where: { name: { not: { contains: "Müller" } } }, select: { id: true } });
    expect(await renderPage(async () => PossibleDuplicates({ customerId: other.id, role: "ADMIN" }))).toBe("");
  });

  it("reads in English as a note with one link", async () => {
    const words = visibleText(await renderPage(async () => PossibleDuplicates({ customerId: pair.twin.id, role: "ADMIN" })));
    expect(words).toContain("Possible duplicates One other customer looks like the same person. Compare with Thomas Müller");
  });
});
