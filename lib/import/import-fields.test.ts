import { describe, expect, it } from "vitest";
import { hasLineColumns, missingRequiredFields, normalizeHeader, suggestMapping } from "./import-fields";

describe("matching file columns to fields", () => {
  it("knows English, German and Polish header names", () => {
    expect(suggestMapping(["Customer ID", "Full name", "E-Mail", "Country code", "Accepts marketing"], "CUSTOMERS")).toEqual({
      externalId: "Customer ID",
      name: "Full name",
      email: "E-Mail",
      country: "Country code",
      marketingConsent: "Accepts marketing",
    });
    expect(suggestMapping(["Bestellnummer", "Kundennummer", "Bestelldatum", "Summe", "Währung"], "ORDERS")).toEqual({
      externalId: "Bestellnummer",
      customerExternalId: "Kundennummer",
      placedAt: "Bestelldatum",
      total: "Summe",
      currency: "Währung",
    });
    expect(suggestMapping(["Numer zamówienia", "Numer klienta", "Data zamówienia", "Kwota"], "ORDERS")).toEqual({
      externalId: "Numer zamówienia",
      customerExternalId: "Numer klienta",
      placedAt: "Data zamówienia",
      total: "Kwota",
    });
  });

  it("uses each column once, required fields first", () => {
    // "Customer" could be the name or the customer number of an order; the required field gets it.
    expect(suggestMapping(["Order", "Customer", "Date", "Total"], "ORDERS")).toMatchObject({ externalId: "Order", customerExternalId: "Customer", placedAt: "Date", total: "Total" });
  });

  it("prefers the last mapping where the file still has its columns", () => {
    const last = { externalId: "Nr", name: "Kunde", email: "Mail alt" };
    expect(suggestMapping(["Nr", "Kunde", "E-Mail"], "CUSTOMERS", last)).toEqual({ externalId: "Nr", name: "Kunde", email: "E-Mail" });
  });

  it("finds headers that contain a known name", () => {
    expect(suggestMapping(["Shop order number", "Customer number (shop)", "Order date (UTC)", "Order total gross"], "ORDERS")).toMatchObject({
      externalId: "Shop order number",
      customerExternalId: "Customer number (shop)",
      placedAt: "Order date (UTC)",
      total: "Order total gross",
    });
  });

  it("says which required fields have no column, and whether order lines are in the orders file", () => {
    expect(missingRequiredFields({ externalId: "id" }, "CUSTOMERS")).toEqual(["name"]);
    expect(missingRequiredFields({}, "LINES")).toEqual(["orderExternalId", "sku", "name", "quantity", "unitPrice"]);
    expect(hasLineColumns({ externalId: "a", lineSku: "SKU" })).toBe(true);
    expect(hasLineColumns({ externalId: "a" })).toBe(false);
  });

  it("compares headers without case and punctuation", () => {
    expect(normalizeHeader("Kunden-Nr.")).toBe("kundennr");
    expect(normalizeHeader("E-Mail-Adresse")).toBe("emailadresse");
  });
});
