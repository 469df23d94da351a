import { describe, expect, it } from "vitest";
import { CustomerInputSchema } from "./customer";

const valid = { name: "Anna Nowak", email: "Anna@Example.pl", phone: "+48 601 234 567", country: "pl", tags: "VIP, b2b ,vip" };

function errorsOf(input: Record<string, unknown>) {
  const result = CustomerInputSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("customer input", () => {
  it("normalises a valid form submission", () => {
    const parsed = CustomerInputSchema.parse({ ...valid, company: "", city: "  ", acquisitionChannel: "referral" });
    expect(parsed).toMatchObject({
      name: "Anna Nowak",
      email: "Anna@Example.pl",
      country: "PL",
      company: null,
      city: null,
      acquisitionChannel: "referral",
      marketingConsent: false,
      tags: ["vip", "b2b"],
      ownerId: null,
    });
  });

  it.each([
    [{ name: "" }, "name", "nameRequired"],
    [{ name: "x".repeat(201) }, "name", "nameTooLong"],
    [{ email: "not-an-email" }, "email", "emailInvalid"],
    [{ phone: "call me" }, "phone", "phoneInvalid"],
    [{ phone: "12" }, "phone", "phoneInvalid"],
    [{ country: "XX" }, "country", "countryInvalid"],
    [{ country: "Germany" }, "country", "countryInvalid"],
    [{ acquisitionChannel: "carrier_pigeon" }, "acquisitionChannel", "channelInvalid"],
    [{ tags: "ok, <script>" }, "tags.1", "tagInvalid"],
    [{ ownerId: "42" }, "ownerId", "ownerInvalid"],
  ])("rejects %o on %s with %s", (override, path, message) => {
    expect(errorsOf({ ...valid, ...override })[path]).toBe(message);
  });

  it("accepts the missing optional fields as null", () => {
    expect(CustomerInputSchema.parse({ name: "Solo" })).toMatchObject({ email: null, phone: null, country: null, tags: [] });
  });
});
