import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Separator } from "./csv-format";
import { estimateRowCount, readCsv, readCsvSample, type CsvItem } from "./read-csv";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crm-read-csv-"));
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, content);
  return target;
}

async function items(target: string, separator: Separator): Promise<CsvItem[]> {
  const all: CsvItem[] = [];
  for await (const batch of readCsv(target, separator)) all.push(...batch);
  return all;
}

describe("reading a CSV file record by record", () => {
  it("drops the BOM, keeps quoted separators, quotes and line breaks, skips empty lines and numbers lines from the header", async () => {
    const target = await file("mixed.csv", '\uFEFFid;note;city\r\n1;"a; b";Berlin\r\n2;"say ""hi""\r\nnext line";Köln\r\n\r\n;;\r\n3;plain;Łódź\r\n');
    expect(await items(target, ";")).toEqual([
      { kind: "header", line: 1, fields: ["id", "note", "city"] },
      { kind: "record", line: 2, fields: ["1", "a; b", "Berlin"] },
      { kind: "record", line: 3, fields: ["2", 'say "hi"\r\nnext line', "Köln"] },
      { kind: "record", line: 7, fields: ["3", "plain", "Łódź"] },
    ]);
  });

  it("reports a quote that never closes at the line where its record starts", async () => {
    const target = await file("unclosed.csv", 'id,name\n1,Anna\n2,"Bernd\n3,Carla\n');
    expect(await items(target, ",")).toEqual([
      { kind: "header", line: 1, fields: ["id", "name"] },
      { kind: "record", line: 2, fields: ["1", "Anna"] },
      { kind: "problem", line: 3, reason: { key: "imports.reasons.quoteNotClosed" } },
    ]);
  });

  it("reports a row that is not UTF-8 instead of reading it mangled", async () => {
    const target = await file("latin1-row.csv", Buffer.concat([Buffer.from("id,name\n1,Anna\n2,"), Buffer.from("M\xfcller", "latin1"), Buffer.from("\n3,Carla\n")]));
    const read = await items(target, ",");
    expect(read[2]).toEqual({ kind: "problem", line: 3, reason: { key: "imports.reasons.notUtf8" } });
    expect(read[3]).toEqual({ kind: "record", line: 4, fields: ["3", "Carla"] });
  });

  it("reads many rows in batches without losing any", async () => {
    const rows = Array.from({ length: 5000 }, (_, index) => `${index},"name ${index}"`).join("\n");
    const target = await file("many.csv", `id,name\n${rows}\n`);
    const read = await items(target, ",");
    expect(read).toHaveLength(5001);
    expect(read[5000]).toEqual({ kind: "record", line: 5001, fields: ["4999", "name 4999"] });
  });
});

describe("the start of a file, for the mapping step", () => {
  it("sniffs the separator and returns the header and first rows", async () => {
    const target = await file("sample.csv", "Kundennummer;Name\nK-1;Anna\nK-2;Bernd\nK-3;Carla\n");
    const sample = await readCsvSample(target, { rows: 2 });
    expect(sample).toMatchObject({ encoding: { ok: true, hasBom: false }, separator: ";", header: ["Kundennummer", "Name"], rows: [{ line: 2, fields: ["K-1", "Anna"] }, { line: 3, fields: ["K-2", "Bernd"] }] });
  });

  it("says when a file is not UTF-8", async () => {
    const target = await file("latin1.csv", Buffer.from("id;name\n1;M\xfcller\n", "latin1"));
    expect((await readCsvSample(target)).encoding).toEqual({ ok: false, reason: "notUtf8" });
  });

  it("estimates the rows from line breaks, never too few", async () => {
    expect(await estimateRowCount(await file("count.csv", "h\n1\n2\n3\n"))).toBe(3);
    expect(await estimateRowCount(await file("count-no-newline.csv", "h\n1\n2"))).toBe(2);
    expect(await estimateRowCount(await file("count-quoted.csv", 'h\n"a\nb"\n'))).toBe(2);
  });
});
