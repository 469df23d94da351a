/**
 * An import's running counts and its rejected rows, written to the job row as it goes: rejects in batches,
 * counters at most twice a second, so the progress bar moves without the bookkeeping slowing the import.
 */
import { addImportRejects, reportImportProgress, type ImportCounts, type ImportRejectInput } from "@/lib/db/imports";
import { encodeReason, type RejectReason } from "./reject-reason";

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
