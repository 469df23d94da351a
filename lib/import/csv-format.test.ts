import { describe, expect, it } from "vitest";
import { checkEncoding, firstRecordText, recordText, sniffSeparator } from "./csv-format";

const bytes = (text: string, encoding: BufferEncoding = "utf8") => new Uint8Array(Buffer.from(text, encoding));

describe("the encoding of a file", () => {
  it("takes UTF-8 with and without a byte order mark", () => {
    expect(checkEncoding(bytes("\uFEFFname;city\nMüller;Łódź\n"))).toEqual({ ok: true, hasBom: true });
    expect(checkEncoding(bytes("name;city\nMüller;Łódź\n"))).toEqual({ ok: true, hasBom: false });
  });

  it("does not hold a character cut off at the end of the sample against the file", () => {
    const full = bytes("abc Ł");
    expect(checkEncoding(full.subarray(0, full.length - 1))).toEqual({ ok: true, hasBom: false });
  });

  it("refuses UTF-16 and legacy code pages", () => {
    expect(checkEncoding(new Uint8Array([0xff, 0xfe, 0x6e, 0x00]))).toEqual({ ok: false, reason: "utf16" });
    expect(checkEncoding(bytes("name\nMüller\n", "latin1"))).toEqual({ ok: false, reason: "notUtf8" });
  });
});

describe("the separator", () => {
  it.each([
    ["Kundennummer;Name;E-Mail", ";"],
    ["id,name,email", ","],
    ["id\tname\temail", "\t"],
    ['"Name, first";"Name, last";Stadt', ";"],
    ["single", ","],
  ])("of %j is %j", (header, separator) => {
    expect(sniffSeparator(header)).toBe(separator);
  });

  it("is read from the first record, which may span lines inside quotes and start with a BOM", () => {
    expect(firstRecordText('\uFEFF"a\nb";c\nd;e')).toBe('"a\nb";c');
    expect(firstRecordText("a,b\r\nc,d")).toBe("a,b");
  });
});

describe("a record written back for the rejects file", () => {
  it("quotes fields with the separator, quotes or line breaks", () => {
    expect(recordText(["1", "Anna; Berlin", 'say "hi"', "two\nlines", "plain"], ";")).toBe('1;"Anna; Berlin";"say ""hi""";"two\nlines";plain');
  });
});
