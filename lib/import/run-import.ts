/**
 * Running one import job from start to end, the same in the worker (queued from the web page) and in the
 * command line: check the files, stream and stage them, write (unless it is a dry run), record the outcome on
 * the job row, and after a real import that changed something ask for a recompute so CLV figures and segments
 * follow the new data. The uploaded files are deleted once the import has run.
 */
import path from "node:path";
import { finishImport, getImportJob, listImportFilesInUse, markImportStarted, reportImportProgress, type ImportCounts, type ImportJobRow } from "@/lib/db/imports";
import { getReportingCurrency } from "@/lib/db/settings";
import { ImportMappingSchema, ImportOptionsSchema, type ImportOptions } from "@/lib/schemas/import-job";
import { requestRecompute } from "@/lib/services/recompute-runs";
import type { Separator } from "./csv-format";
import { importCustomers } from "./customer-import";
import { discardAbandonedUploads, discardUpload } from "./import-files";
import type { ImportContext } from "./import-context";
import { closeImportSession, openImportSession } from "./import-session";
import { ImportTally } from "./import-tally";
import { importOrders } from "./order-import";
import { detectDecimalSeparator } from "./parse-values";
import { estimateRowCount, readCsvSample } from "./read-csv";
import { encodeReason, ImportFailure } from "./reject-reason";

export type ImportRunOptions = {
  now?: Date;
  /** Ask for a CLV recompute after a real import that changed rows (default true). */
  requestRecompute?: boolean;
  onProgress?: (counts: ImportCounts) => void;
  batchSize?: number;
  chunkSize?: number;
  /** Connections for an orders import (default 2). */
  sessions?: number;
};

export type ImportOutcome = { status: "SUCCEEDED" | "FAILED"; counts: ImportCounts; error: string | null; recomputeRunId: string | null; seconds: number; timings: Record<string, number> };

/** The amount columns of each file, whose sample decides the decimal mark when the options say "auto". */
const AMOUNT_FIELDS = ["total", "refunded", "lineUnitPrice", "unitPrice"];

async function sampleAmounts(path: string, separator: Separator, mapping: Record<string, string>): Promise<string[]> {
  const sample = await readCsvSample(path, { separator, rows: 1000 });
  if (!sample.encoding.ok) throw new ImportFailure({ key: `imports.errors.${sample.encoding.reason}` });
  const indexes = AMOUNT_FIELDS.map((field) => sample.header.indexOf(mapping[field] ?? "\u0000")).filter((index) => index >= 0);
  return sample.rows.flatMap((row) => indexes.map((index) => row.fields[index] ?? ""));
}

const ABANDONED_UPLOAD_MS = 24 * 3_600_000;

/** The upload(s) of a finished import, and uploads nobody imported for a day, are deleted; a failure to is only logged. */
async function discardFiles(job: Pick<ImportJobRow, "filePath" | "linesFilePath">): Promise<void> {
  try {
    await Promise.all([discardUpload(job.filePath), discardUpload(job.linesFilePath)]);
    const inUse = new Set((await listImportFilesInUse()).map((file) => path.resolve(file)));
    await discardAbandonedUploads(new Date(Date.now() - ABANDONED_UPLOAD_MS), inUse);
  } catch (error) {
    console.error("[import] Could not delete uploaded files", error);
  }
}

function storedOutcome(job: ImportJobRow): ImportOutcome {
  const counts = { rowsRead: job.rowsRead, rowsAccepted: job.rowsAccepted, rowsUnchanged: job.rowsUnchanged, rowsRejected: job.rowsRejected };
  return { status: job.status === "SUCCEEDED" ? "SUCCEEDED" : "FAILED", counts, error: job.error, recomputeRunId: null, seconds: 0, timings: {} };
}

export async function runImportJob(jobId: string, options: ImportRunOptions = {}): Promise<ImportOutcome> {
  const started = performance.now();
  const previous = await getImportJob(jobId);
  // A job the queue hands out again after it finished (the worker stopped before confirming it) is not run twice:
  // its upload is gone, and its outcome stands.
  if (previous && previous.finishedAt && (previous.status === "SUCCEEDED" || previous.status === "FAILED")) return storedOutcome(previous);
  const job = await markImportStarted(jobId);
  const tally = new ImportTally({ jobId, onProgress: options.onProgress });
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  try {
    const mapping = ImportMappingSchema.parse(job.mapping);
    const importOptions: ImportOptions = ImportOptionsSchema.parse(job.options);
    const linesSeparator = importOptions.linesSeparator ?? importOptions.separator;
    const estimatedRows = (await estimateRowCount(job.filePath)) + (job.linesFilePath ? await estimateRowCount(job.linesFilePath) : 0);
    await reportImportProgress(jobId, tally.counts, { ...importOptions, estimatedRows });

    const amounts = await sampleAmounts(job.filePath, importOptions.separator, mapping.main);
    if (job.linesFilePath) amounts.push(...(await sampleAmounts(job.linesFilePath, linesSeparator, mapping.lines ?? {})));
    const decimalSeparator = importOptions.decimalSeparator === "auto" ? detectDecimalSeparator(amounts) : importOptions.decimalSeparator;

    tally.phase("prepare");
    // Orders are staged and written on two connections at once (a database backend per core on a two-core
    // machine); customers and files with a separate lines file need only one.
    const sessionCount = job.kind === "ORDERS" && !job.linesFilePath ? (options.sessions ?? 2) : 1;
    const sessions = await Promise.all(Array.from({ length: sessionCount }, () => openImportSession()));
    try {
      const context: ImportContext = {
        sessions,
        tally,
        filePath: job.filePath,
        separator: importOptions.separator,
        linesFilePath: job.kind === "ORDERS" ? job.linesFilePath : null,
        linesSeparator,
        mapping: mapping.main,
        linesMapping: mapping.lines ?? {},
        decimalSeparator,
        defaultSource: importOptions.defaultSource,
        currency: await getReportingCurrency(),
        now: options.now ?? new Date(),
        isDryRun: job.isDryRun,
        batchSize: options.batchSize ?? 10_000,
        chunkSize: options.chunkSize ?? 25_000,
        estimatedRows,
      };
      if (job.kind === "CUSTOMERS") await importCustomers(context);
      else await importOrders(context);
    } finally {
      await Promise.all(sessions.map(closeImportSession));
    }
    await finishImport(jobId, { status: "SUCCEEDED", counts: tally.counts });
    await discardFiles(job);

    let recomputeRunId: string | null = null;
    if (!job.isDryRun && tally.counts.rowsAccepted > 0 && options.requestRecompute !== false) {
      try {
        const { run } = await requestRecompute({ trigger: "ADMIN", requestedById: job.createdById, suppressWorkflows: job.suppressWorkflows });
        recomputeRunId = run.id;
      } catch (error) {
        // The data is in; the nightly recompute will catch up if the queue is unreachable now.
        console.error("[import] Could not queue a recompute after the import", error);
      }
    }
    return { status: "SUCCEEDED", counts: { ...tally.counts }, error: null, recomputeRunId, seconds: seconds(), timings: tally.timings };
  } catch (error) {
    if (!(error instanceof ImportFailure)) console.error("[import] The import failed", error);
    const message = error instanceof ImportFailure ? error.message : encodeReason({ key: "imports.errors.unexpected" });
    await tally.flush(true).catch(() => {});
    await finishImport(jobId, { status: "FAILED", counts: tally.counts, error: message });
    await discardFiles(job);
    return { status: "FAILED", counts: { ...tally.counts }, error: message, recomputeRunId: null, seconds: seconds(), timings: tally.timings };
  }
}
