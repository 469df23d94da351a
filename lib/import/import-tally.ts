/**
 * An import's running counts and its rejected rows, written to the job row as it goes: rejects in batches,
 * counters at most twice a second, so the progress bar moves without the bookkeeping slowing the import.
 */
import { addImportRejects, reportImportProgress, setRejectTexts, type ImportCounts, type ImportRejectInput } from "@/lib/db/imports";
import { recordText, type Separator } from "./csv-format";
import { readCsv } from "./read-csv";
import { encodeReason, type RejectReason } from "./reject-reason";

/** Which file a reject's line number counts in: the main file, or the separate order-lines file. */
export type ImportFile = "main" | "lines";

export type TallyOptions = {
  /** Write rejects and counters to the job row (off for imports without a job, e.g. in tests of the parser). */
  jobId: string | null;
  onProgress?: (counts: ImportCounts) => void;
  /** Milliseconds between counter writes. */
  interval?: number;
};

export class ImportTally {
  readonly counts: ImportCounts = { rowsRead: 0, rowsAccepted: 0, rowsUnchanged: 0, rowsRejected: 0 };
  /** Seconds per phase ("stage": reading, checking and staging; "write"), for benchmarks and the worker's log. */
  readonly timings: Record<string, number> = {};
  private phaseStarted = performance.now();
  private pending: ImportRejectInput[] = [];
  private lastReport = 0;
  private readonly interval: number;
  /** Lines rejected after their row text was let go (rows the database refused while writing, orphan lines). */
  private readonly textWanted: Record<ImportFile, Set<number>> = { main: new Set(), lines: new Set() };

  constructor(private readonly options: TallyOptions) {
    this.interval = options.interval ?? 500;
  }

  /** Ends the current phase under `name` and starts the next. */
  phase(name: string): void {
    const now = performance.now();
    this.timings[name] = Math.round((now - this.phaseStarted) / 100) / 10;
    this.phaseStarted = now;
  }

  read(rows = 1): void {
    this.counts.rowsRead += rows;
  }

  accepted(rows: number): void {
    this.counts.rowsAccepted += rows;
  }

  unchanged(rows: number): void {
    this.counts.rowsUnchanged += rows;
  }

  reject(line: number, column: string | null, reason: RejectReason, raw: string | null): void {
    this.counts.rowsRejected++;
    this.pending.push({ line, column, reason: encodeReason(reason), raw });
  }

  /**
   * A reject found after the row's text was let go (the file is not held in memory): written now, and its row
   * text copied from the file by `fillRejectTexts` at the end.
   */
  rejectWithoutText(file: ImportFile, line: number, column: string | null, reason: RejectReason): void {
    this.reject(line, column, reason, null);
    this.textWanted[file].add(line);
  }

  /** Reads `path` once more, only when some of its rejects still lack their row text, and fills it in. */
  async fillRejectTexts(file: ImportFile, path: string, separator: Separator): Promise<void> {
    const wanted = this.textWanted[file];
    if (wanted.size === 0) return;
    await this.flush(true);
    const jobId = this.options.jobId;
    let found: { line: number; raw: string }[] = [];
    for await (const items of readCsv(path, separator)) {
      for (const item of items) {
        if (item.kind === "record" && wanted.has(item.line)) found.push({ line: item.line, raw: recordText(item.fields, separator) });
      }
      if (found.length >= 5_000) {
        if (jobId) await setRejectTexts(jobId, file, found);
        found = [];
      }
    }
    if (jobId) await setRejectTexts(jobId, file, found);
    wanted.clear();
  }

  /** Writes pending rejects, and the counters when a report is due (or `force`). */
  async flush(force = false): Promise<void> {
    if (this.pending.length > 0 && this.options.jobId) {
      const rejects = this.pending;
      this.pending = [];
      await addImportRejects(this.options.jobId, rejects);
    } else if (!this.options.jobId) {
      this.pending = [];
    }
    const now = Date.now();
    if (!force && now - this.lastReport < this.interval) return;
    this.lastReport = now;
    this.options.onProgress?.({ ...this.counts });
    if (this.options.jobId) await reportImportProgress(this.options.jobId, this.counts);
  }
}
