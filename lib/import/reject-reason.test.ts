import { describe, expect, it } from "vitest";
import { decodeReason, encodeReason, ERASED_VALUE, scrubReason } from "./reject-reason";

describe("a reject's reason after an erasure", () => {
  const terms = ["C-1", "anna@example.com"];

  it.each([
    ["a value that is the person's id", 'imports.reasons.customerUnknown {"id":"C-1"}', { id: ERASED_VALUE }],
    ["a value holding their email, in any letter case", 'imports.reasons.databaseRefused {"message":"Key (email)=(ANNA@example.com) exists"}', { message: ERASED_VALUE }],
    ["other values stay", 'imports.reasons.customerErased {"id":"c-1","date":"2026-04-01"}', { id: ERASED_VALUE, date: "2026-04-01" }],
    ["numbers stay", 'imports.reasons.duplicateInFile {"line":12}', { line: 12 }],
  ])("blanks %s", (_name, encoded, values) => {
    expect(decodeReason(scrubReason(encoded, terms))).toEqual({ key: decodeReason(encoded).key, values });
  });

  it("leaves a reason without values as it is", () => {
    expect(scrubReason("validation.emailTaken", terms)).toBe("validation.emailTaken");
    expect(scrubReason(encodeReason({ key: "imports.reasons.lineRejected", values: { line: 3 } }), [])).toBe('imports.reasons.lineRejected {"line":3}');
  });
});
