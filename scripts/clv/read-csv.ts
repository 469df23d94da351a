/**
 * A small CSV reader for the CLI's input files that remembers where every value came from, so errors can name
 * file, line and column. Handles a UTF-8 BOM, CRLF or LF, a missing final newline, blank lines and RFC 4180
 * quoted fields (on one line).
 */
import { readFileSync } from "node:fs";
import { CliError, locatedError } from "./cli-error";

export type Cell = { text: string; line: number; column: number };
export type CsvTable = { file: string; header: Cell[]; rows: Cell[][] };

export function readText(file: string): string {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(`${file}: cannot read the file${code ? ` (${code})` : ""}`);
  }
}

export function readCsv(file: string): CsvTable {
  const lines = readText(file).split(/\r?\n/);
  const records: Cell[][] = [];
  lines.forEach((text, index) => {
    if (text.trim() === "") return;
    records.push(splitLine(file, text, index + 1));
  });
  const [header, ...rows] = records;
  if (!header) throw locatedError(file, 1, 1, "the file is empty (a header line is needed)");
  rows.forEach((row) => {
    if (row.length !== header.length) {
      throw locatedError(file, row[0]!.line, 1, `expected ${header.length} fields as in the header, found ${row.length}`);
    }
  });
  return { file, header, rows };
}

function splitLine(file: string, text: string, line: number): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  for (;;) {
    const column = i + 1;
    if (text[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw locatedError(file, line, column, "unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      if (i < text.length && text[i] !== ",") throw locatedError(file, line, i + 1, "unexpected character after a quoted field");
      cells.push({ text: value, line, column });
    } else {
      const end = text.indexOf(",", i);
      const stop = end === -1 ? text.length : end;
      cells.push({ text: text.slice(i, stop).trim(), line, column });
      i = stop;
    }
    if (i >= text.length) return cells;
    i++; // the comma
  }
}

/** The index of the first header name found among `names` (case-insensitive), or −1. */
export function findColumn(table: CsvTable, names: readonly string[]): number {
  const wanted = names.map((n) => n.toLowerCase());
  return table.header.findIndex((cell) => wanted.includes(cell.text.toLowerCase()));
}

export function requireColumn(table: CsvTable, names: readonly string[], purpose: string): number {
  const index = findColumn(table, names);
  if (index === -1) {
    throw locatedError(table.file, table.header[0]?.line ?? 1, 1, `missing column ${names.map((n) => `'${n}'`).join(" or ")} (${purpose})`);
  }
  return index;
}

/** A finite number, or a located error. */
export function numberAt(file: string, cell: Cell, name: string): number {
  const value = Number(cell.text);
  if (cell.text === "" || !Number.isFinite(value)) throw locatedError(file, cell.line, cell.column, `${name} must be a number, got '${cell.text}'`);
  return value;
}
