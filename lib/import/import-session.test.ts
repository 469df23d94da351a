import { describe, expect, it } from "vitest";
import { databaseRefusal } from "./import-session";

describe("why the database refused a row, and which field it was about", () => {
  const fields = { customerId: "customerExternalId", totalMinor: "total" };

  it.each([
    ["the live email index", { code: "23505", constraint: "Customer_live_email_key" }, { key: "validation.emailTaken" }, "email"],
    ["an id that is another customer's alias", { code: "23505", message: "external id X already belongs to another customer" }, { key: "imports.reasons.idIsAlias" }, "externalId"],
    ["another unique key", { code: "23505", constraint: "Order_source_externalId_key" }, { key: "imports.reasons.changedMeanwhile" }, "externalId"],
    ["a customer deleted meanwhile", { code: "23503", constraint: "Order_customerId_fkey" }, { key: "imports.reasons.customerGone" }, "customerExternalId"],
    ["a check that names its column", { code: "23514", column: "totalMinor", message: "too big" }, { key: "imports.reasons.databaseRefused", values: { message: "too big" } }, "total"],
    ["a check on a column the import does not fill", { code: "23514", column: "updatedAt", message: "no" }, { key: "imports.reasons.databaseRefused", values: { message: "no" } }, null],
    ["anything else", new Error("connection reset"), { key: "imports.reasons.databaseRefused", values: { message: "connection reset" } }, null],
  ])("%s", (_name, error, reason, field) => {
    expect(databaseRefusal(error, fields)).toEqual({ reason, field });
  });

  it("has no field for a missing customer when the table has no customer column", () => {
    expect(databaseRefusal({ code: "23503" }).field).toBeNull();
  });
});
