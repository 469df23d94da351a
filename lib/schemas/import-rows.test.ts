import { describe, expect, it } from "vitest";
import { CustomerImportRowSchema, lineFileKeySchema, orderImportRowSchema, orderLineImportSchema, parseOrderStatus } from "./import-rows";

const context = { currency: "EUR", decimalSeparator: undefined, defaultSource: "import", now: new Date("2026-06-01T12:00:00Z") };
const firstMessage = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) => (result.success ? null : { message: result.error!.issues[0]!.message, path: result.error!.issues[0]!.path });

describe("a customers row", () => {
  it("uses the customer form's rules and reads spreadsheet-style values", () => {
    const parsed = CustomerImportRowSchema.parse({ externalId: " K-1 ", name: "Anna", email: "", country: "de", acquisitionChannel: "Organic search", marketingConsent: "Ja", tags: "VIP; stammkunde|vip" });
    expect(parsed).toEqual({ externalId: "K-1", name: "Anna", email: null, phone: null, company: null, country: "DE", city: null, acquisitionChannel: "organic_search", marketingConsent: true, tags: ["stammkunde", "vip"] });
  });

  it.each([
    [{ externalId: "", name: "Anna" }, "imports.reasons.externalIdRequired", "externalId"],
    [{ externalId: "K-1", name: "" }, "nameRequired", "name"],
    [{ externalId: "K-1", name: "Anna", email: "anna@" }, "emailInvalid", "email"],
    [{ externalId: "K-1", name: "Anna", country: "Germany" }, "countryInvalid", "country"],
    [{ externalId: "K-1", name: "Anna", marketingConsent: "perhaps" }, "imports.reasons.booleanInvalid", "marketingConsent"],
    [{ externalId: "K-1", name: "Anna", acquisitionChannel: "billboard" }, "channelInvalid", "acquisitionChannel"],
  ])("rejects %j with %s", (row, message, field) => {
    expect(firstMessage(CustomerImportRowSchema.safeParse(row))).toEqual({ message, path: [field] });
  });
});

describe("an orders row", () => {
  const schema = orderImportRowSchema(context);

  it("reads dates, decimal commas and status words, with defaults for the rest", () => {
    expect(schema.parse({ externalId: "A-1", customerExternalId: "C-1", placedAt: "01.03.2026", status: "bezahlt", total: "1.234,50" })).toEqual({
      externalId: "A-1", source: "import", customerExternalId: "C-1", placedAt: new Date("2026-03-01T00:00:00Z"), status: "PAID", currency: "EUR", totalMinor: 123450, refundedMinor: 0, salesChannel: null,
    });
  });

  it("takes a refunded order as refunded in full unless told otherwise", () => {
    expect(schema.parse({ externalId: "A-2", customerExternalId: "C-1", placedAt: "2026-03-01", status: "Refunded", total: "20.00" })).toMatchObject({ status: "REFUNDED", refundedMinor: 2000 });
    expect(schema.parse({ externalId: "A-3", customerExternalId: "C-1", placedAt: "2026-03-01", status: "partially refunded", total: "20.00", refunded: "5" })).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 500 });
  });

  it("reads amounts in the digits of the row's currency", () => {
    expect(schema.parse({ externalId: "A-4", customerExternalId: "C-1", placedAt: "2026-03-01", currency: "jpy", total: "1200" })).toMatchObject({ currency: "JPY", totalMinor: 1200 });
  });

  it.each([
    [{ placedAt: "31.02.2026" }, "imports.reasons.dateInvalid", "placedAt"],
    [{ placedAt: "2026-06-05" }, "imports.reasons.dateInFuture", "placedAt"],
    [{ placedAt: "" }, "imports.reasons.dateRequired", "placedAt"],
    [{ total: "1.234" }, "imports.reasons.amountInvalid", "total"],
    [{ total: "" }, "imports.reasons.amountRequired", "total"],
    [{ total: "-5" }, "imports.reasons.amountNegative", "total"],
    [{ total: "99999999" }, "imports.reasons.amountTooLarge", "total"],
    [{ refunded: "11" }, "imports.reasons.refundAboveTotal", "refunded"],
    [{ status: "shipped" }, "imports.reasons.statusInvalid", "status"],
    [{ currency: "EURO" }, "imports.reasons.currencyInvalid", "currency"],
    [{ source: "my shop" }, "imports.reasons.sourceInvalid", "source"],
    [{ customerExternalId: " " }, "imports.reasons.customerIdRequired", "customerExternalId"],
  ])("rejects %j with %s", (change, message, field) => {
    const row = { externalId: "A-9", customerExternalId: "C-1", placedAt: "2026-03-01", total: "10.00", ...change };
    expect(firstMessage(schema.safeParse(row))).toEqual({ message, path: [field] });
  });

  it("knows status words in three languages", () => {
    expect(["paid", "Storniert", "anulowane", "ZWRÓCONE", "", "partially_refunded"].map(parseOrderStatus)).toEqual(["PAID", "CANCELLED", "CANCELLED", "REFUNDED", "PAID", "PARTIALLY_REFUNDED"]);
    expect(parseOrderStatus("lost in the post")).toBeNull();
  });
});

describe("an order line", () => {
  it("needs an item number, a name, a whole quantity and a price (negative for discounts)", () => {
    const schema = orderLineImportSchema({ ...context, decimalSeparator: "," }, "EUR");
    expect(schema.parse({ sku: "B-1", name: "Beans", quantity: "2", unitPrice: "12,50" })).toEqual({ sku: "B-1", name: "Beans", quantity: 2, unitPriceMinor: 1250 });
    expect(schema.parse({ sku: "DISC", name: "Discount", quantity: "1", unitPrice: "-5,00" })).toMatchObject({ unitPriceMinor: -500 });
    expect(firstMessage(schema.safeParse({ sku: "B-1", name: "Beans", quantity: "1.5", unitPrice: "1" }))).toEqual({ message: "imports.reasons.quantityInvalid", path: ["quantity"] });
    expect(firstMessage(schema.safeParse({ sku: "", name: "Beans", quantity: "1", unitPrice: "1" }))).toEqual({ message: "imports.reasons.skuRequired", path: ["sku"] });
  });

  it("in a separate file names its order, with the default source", () => {
    expect(lineFileKeySchema(context).parse({ orderExternalId: "A-1" })).toEqual({ orderExternalId: "A-1", source: "import" });
  });
});
