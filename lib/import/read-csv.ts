/**
 * Streaming a CSV file record by record (csv-parse; the file is never held whole), with the line number each
 * record starts on (1 = the header), for reject reports. Quoted fields may hold separators, quotes ("") and line
 * breaks; a UTF-8 byte order mark is dropped; empty lines are skipped. Records the parser cannot read, and text
 * that is not UTF-8, come out as problems with their line, never as silently mangled values.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse, type CsvError } from "csv-parse";
import { checkEncoding, firstRecordText, sniffSeparator, type EncodingVerdict, type Separator } from "./csv-format";
import type { RejectReason } from "./reject-reason";

export type CsvItem =
  | { kind: "header"; line: number; fields: string[] }
  | { kind: "record"; line: number; fields: string[] }
  | { kind: "problem"; line: number; reason: RejectReason };

/** A record longer than this (a quote never closed, a binary file) is reported instead of read into memory. */
const MAX_RECORD_CHARS = 1_000_000;

function countLineBreaks(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    let index = field.indexOf("\n");
    while (index !== -1) {
      breaks++;
      index = field.indexOf("\n", index + 1);
    }
  }
  return breaks;
}

function problemReason(error: CsvError): RejectReason {
  if (error.code === "CSV_QUOTE_NOT_CLOSED") return { key: "imports.reasons.quoteNotClosed" };
  if (error.code === "CSV_MAX_RECORD_SIZE") return { key: "imports.reasons.rowTooLong" };
  return { key: "imports.reasons.malformedRow" };
}

/**
 * The records of a readable object stream in arrays of up to `size`: one await per array instead of one per
 * record, which halves the cost of reading a million-row file.
 */
async function* inBatches<T>(stream: { read(): T | null; readableEnded: boolean; destroyed: boolean; on(event: string, listener: (...args: unknown[]) => void): unknown; off(event: string, listener: (...args: unknown[]) => void): unknown }, size: number): AsyncGenerator<T[]> {
  let failure: unknown;
  stream.on("error", (error) => (failure = error));
  while (true) {
    const batch: T[] = [];
    let item: T | null;
    while (batch.length < size && (item = stream.read()) !== null) batch.push(item);
    if (failure) throw failure;
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (stream.readableEnded || stream.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off("readable", done);
        stream.off("end", done);
        stream.off("error", done);
        stream.off("close", done);
        resolve();
      };
      stream.on("readable", done);
      stream.on("end", done);
      stream.on("error", done);
      stream.on("close", done);
    });
  }
}

/**
 * Reads `path` with `separator`, in arrays of items in file order; the first non-empty record is the header.
 */
export async function* readCsv(path: string, separator: Separator): AsyncGenerator<CsvItem[]> {
  // Records the parser skipped, by the number of records read before them, so they are reported in file order.
  const skipped: { afterRecords: number; lines: number; reason: RejectReason }[] = [];
  const parser = createReadStream(path).pipe(
    parse({
      delimiter: separator,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_CHARS,
      on_skip: (error) => {
        if (error) skipped.push({ afterRecords: Number((error as CsvError & { records?: number }).records ?? 0), lines: Number((error as CsvError & { lines?: number }).lines ?? 0), reason: problemReason(error) });
        return undefined;
      },
    }),
  );
  let nextLine = 1;
  let records = 0;
  let hasHeader = false;
  const drainSkipped = (items: CsvItem[]) => {
    while (skipped.length > 0 && skipped[0]!.afterRecords <= records) {
      const problem = skipped.shift()!;
      items.push({ kind: "problem", line: nextLine, reason: problem.reason });
      nextLine = Math.max(nextLine, problem.lines + 1);
    }
  };
  try {
    for await (const batch of inBatches<string[]>(parser as never, 2000)) {
      const items: CsvItem[] = [];
      for (const fields of batch) {
        drainSkipped(items);
        records++;
        const line = nextLine;
        nextLine += 1 + countLineBreaks(fields);
        if (fields.every((field) => field.trim() === "")) continue;
        if (fields.some((field) => field.includes("\uFFFD"))) {
          items.push({ kind: "problem", line, reason: { key: "imports.reasons.notUtf8" } });
        } else if (!hasHeader) {
          hasHeader = true;
          items.push({ kind: "header", line, fields: fields.map((field) => field.trim()) });
        } else {
          items.push({ kind: "record", line, fields });
        }
      }
      yield items;
    }
    records = Number.MAX_SAFE_INTEGER;
    const rest: CsvItem[] = [];
    drainSkipped(rest);
    if (rest.length > 0) yield rest;
  } finally {
    parser.destroy();
  }
}

export type CsvSample = {
  encoding: EncodingVerdict;
  separator: Separator;
  header: string[];
  rows: { line: number; fields: string[] }[];
  problems: { line: number; reason: RejectReason }[];
};

/** The start of a file: its encoding, separator (sniffed unless given), header and first rows, for the mapping step. */
export async function readCsvSample(path: string, options: { separator?: Separator; rows?: number } = {}): Promise<CsvSample> {
  const handle = await open(path, "r");
  let head: Uint8Array;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const encoding = checkEncoding(head);
  const separator = options.separator ?? sniffSeparator(firstRecordText(Buffer.from(head).toString("utf8")));
  const sample: CsvSample = { encoding, separator, header: [], rows: [], problems: [] };
  if (!encoding.ok) return sample;
  const wanted = options.rows ?? 10;
  reading: for await (const items of readCsv(path, separator)) {
    for (const item of items) {
      if (item.kind === "header") sample.header = item.fields;
      else if (item.kind === "record") sample.rows.push({ line: item.line, fields: item.fields });
      else sample.problems.push({ line: item.line, reason: item.reason });
      if (sample.rows.length + sample.problems.length >= wanted) break reading;
    }
  }
  return sample;
}

/**
 * About how many data rows a file has, from its line breaks (fast: no parsing). Quoted line breaks make it a
 * little high, never low, so a progress bar reaches its end rather than overshooting.
 */
export async function estimateRowCount(path: string): Promise<number> {
  let lines = 0;
  let lastByte = 10;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let index = chunk.indexOf(10);
    while (index !== -1) {
      lines++;
      index = chunk.indexOf(10, index + 1);
    }
    if (chunk.length > 0) lastByte = chunk[chunk.length - 1]!;
  }
  if (lastByte !== 10) lines++;
  return Math.max(0, lines - 1);
}
