/**
 * CSV import jobs: the row that holds an import's files, mapping, options, progress counters and outcome; its
 * rejected rows; and the last column mapping per kind of import. The import itself (lib/import/run-import.ts)
 * writes customers and orders with raw SQL; this file only keeps the books.
 */
import { writeAuditEntry } from "./audit-log";
import { bulkInsert } from "./bulk-insert";
import { db } from "./client";
import type { ImportKind, ImportStatus, Prisma } from "./generated/prisma/client";

export type { ImportKind, ImportStatus };

const jobSelect = {
  id: true,
  kind: true,
  status: true,
  fileName: true,
  filePath: true,
  linesFileName: true,
  linesFilePath: true,
  mapping: true,
  options: true,
  isDryRun: true,
  suppressWorkflows: true,
  rowsRead: true,
  rowsAccepted: true,
  rowsUnchanged: true,
  rowsRejected: true,
  error: true,
  createdById: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  createdBy: { select: { name: true } },
} as const satisfies Prisma.ImportJobSelect;

export type ImportJobRow = Prisma.ImportJobGetPayload<{ select: typeof jobSelect }>;

export type ImportCounts = { rowsRead: number; rowsAccepted: number; rowsUnchanged: number; rowsRejected: number };

export type NewImportJob = {
  kind: ImportKind;
  fileName: string;
  filePath: string;
  linesFileName?: string | null;
  linesFilePath?: string | null;
  mapping: Prisma.InputJsonValue;
  options: Prisma.InputJsonValue;
  isDryRun: boolean;
  suppressWorkflows: boolean;
  createdById: string | null;
};

export function createImportJob(input: NewImportJob): Promise<ImportJobRow> {
  return db.importJob.create({ data: { ...input, linesFileName: input.linesFileName ?? null, linesFilePath: input.linesFilePath ?? null }, select: jobSelect });
}

export function getImportJob(id: string): Promise<ImportJobRow | null> {
  return db.importJob.findUnique({ where: { id }, select: jobSelect });
}

export function listImportJobs(take = 20): Promise<ImportJobRow[]> {
  return db.importJob.findMany({ orderBy: { createdAt: "desc" }, take, select: jobSelect });
}

/**
 * Marks a job running from the start: counters at zero and rejects of an earlier attempt removed, so a job that
 * pg-boss retries after a worker died reports this attempt only (the import itself is an idempotent upsert).
 */
export async function markImportStarted(id: string): Promise<ImportJobRow> {
  const [, job] = await db.$transaction([
    db.importReject.deleteMany({ where: { importId: id } }),
    db.importJob.update({
      where: { id },
      data: { status: "RUNNING", startedAt: new Date(), finishedAt: null, error: null, rowsRead: 0, rowsAccepted: 0, rowsUnchanged: 0, rowsRejected: 0 },
      select: jobSelect,
    }),
  ]);
  return job;
}

export async function reportImportProgress(id: string, counts: ImportCounts, options?: Prisma.InputJsonValue): Promise<void> {
  await db.importJob.update({ where: { id }, data: { ...counts, ...(options !== undefined ? { options } : {}) } });
}

/** The outcome; a finished real import leaves one audit entry with its figures (not one per row). */
export async function finishImport(id: string, outcome: { status: Extract<ImportStatus, "SUCCEEDED" | "FAILED">; counts: ImportCounts; error?: string | null }): Promise<void> {
  await db.$transaction(async (tx) => {
    const job = await tx.importJob.update({
      where: { id },
      data: { status: outcome.status, ...outcome.counts, error: outcome.error ?? null, finishedAt: new Date() },
      select: { kind: true, fileName: true, isDryRun: true, createdById: true },
    });
    if (!job.isDryRun) {
      await writeAuditEntry(tx, {
        actorId: job.createdById,
        action: outcome.status === "SUCCEEDED" ? "import.run" : "import.fail",
        entityType: "ImportJob",
        entityId: id,
        after: { kind: job.kind, fileName: job.fileName, ...outcome.counts, ...(outcome.error ? { error: outcome.error } : {}) },
      });
    }
  });
}

/** The files of imports still waiting or running (their uploads must stay). */
export async function listImportFilesInUse(): Promise<string[]> {
  const jobs = await db.importJob.findMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, select: { filePath: true, linesFilePath: true } });
  return jobs.flatMap((job) => [job.filePath, ...(job.linesFilePath ? [job.linesFilePath] : [])]);
}

/** Jobs left RUNNING by a worker that died long ago: marked failed (pg-boss retries the ones it still holds). */
export async function failAbandonedImports(olderThan: Date): Promise<number> {
  const result = await db.importJob.updateMany({
    where: { status: "RUNNING", startedAt: { lt: olderThan } },
    data: { status: "FAILED", error: "The worker stopped while this import was running.", finishedAt: new Date() },
  });
  return result.count;
}

// ---- rejects ---------------------------------------------------------------------------------------------------

export type ImportRejectInput = { line: number; column: string | null; reason: string; raw: string | null };

export async function addImportRejects(importId: string, rejects: readonly ImportRejectInput[]): Promise<void> {
  if (rejects.length === 0) return;
  await bulkInsert(
    "ImportReject",
    [
      { name: "importId", type: "uuid", value: () => importId },
      { name: "line", type: "int", value: (reject) => reject.line },
      { name: "column", type: "text", value: (reject) => reject.column },
      { name: "reason", type: "text", value: (reject) => reject.reason },
      { name: "raw", type: "text", value: (reject) => reject.raw },
    ],
    rejects,
    { batchSize: 5_000 },
  );
}

const rejectSelect = { id: true, line: true, column: true, reason: true, raw: true } as const satisfies Prisma.ImportRejectSelect;
export type ImportRejectRow = Prisma.ImportRejectGetPayload<{ select: typeof rejectSelect }>;

/** One page of rejects in file order. */
export async function listImportRejects(importId: string, options: { page: number; pageSize: number }): Promise<{ rows: ImportRejectRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.importReject.findMany({ where: { importId }, orderBy: [{ line: "asc" }, { id: "asc" }], skip: (options.page - 1) * options.pageSize, take: options.pageSize, select: rejectSelect }),
    db.importReject.count({ where: { importId } }),
  ]);
  return { rows, total };
}

/** Every reject of an import in file order, a batch at a time (keyset paging), for the rejects download. */
export async function* iterateImportRejects(importId: string, batchSize = 2_000): AsyncGenerator<ImportRejectRow[]> {
  let after: { line: number; id: bigint } | null = null;
  while (true) {
    const rows: ImportRejectRow[] = await db.importReject.findMany({
      where: { importId, ...(after ? { OR: [{ line: { gt: after.line } }, { line: after.line, id: { gt: after.id } }] } : {}) },
      orderBy: [{ line: "asc" }, { id: "asc" }],
      take: batchSize,
      select: rejectSelect,
    });
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { line: last.line, id: last.id };
  }
}

/** A term as a POSIX regular expression matching it literally. */
function literalPattern(term: string): string {
  return term.replace(/[\\^$.*+?()[\]{}|-]/g, "\\$&");
}

/**
 * Rejects whose row text or reason mention any of these terms (external ids, email addresses) as a whole value:
 * not inside a longer id ("C-1" is not found in "C-10"), letter case ignored.
 */
export async function findRejectsMentioning(tx: Pick<Prisma.TransactionClient, "$queryRaw">, terms: readonly string[]): Promise<{ id: bigint; reason: string }[]> {
  const wanted = terms.filter((term) => term.trim() !== "");
  if (wanted.length === 0) return [];
  const pattern = `(^|[^[:alnum:]@._+-])(${wanted.map(literalPattern).join("|")})($|[^[:alnum:]@._+-])`;
  return tx.$queryRaw<{ id: bigint; reason: string }[]>`
    SELECT "id", "reason" FROM "ImportReject" WHERE "raw" ~* ${pattern} OR "reason" ~* ${pattern}`;
}

/** Erasure: the row text is dropped and the reason replaced (line and column stay). */
export async function scrubRejects(tx: Pick<Prisma.TransactionClient, "$executeRaw">, rejects: readonly { id: bigint; reason: string }[]): Promise<void> {
  if (rejects.length === 0) return;
  await tx.$executeRaw`
    UPDATE "ImportReject" r SET "raw" = NULL, "reason" = v.reason
    FROM unnest(${rejects.map((reject) => reject.id)}::bigint[], ${rejects.map((reject) => reject.reason)}::text[]) AS v(id, reason)
    WHERE r."id" = v.id`;
}

/** Fills in the row text of rejects written without it, by line (rows the database refused, orphan lines). */
export async function setRejectTexts(importId: string, file: "main" | "lines", texts: readonly { line: number; raw: string }[]): Promise<void> {
  if (texts.length === 0) return;
  // A reject of the separate lines file names its column with the "lines:" prefix (lib/import/reject-reason.ts).
  await db.$executeRaw`
    UPDATE "ImportReject" r SET "raw" = v.raw
    FROM unnest(${texts.map((text) => text.line)}::int[], ${texts.map((text) => text.raw)}::text[]) AS v(line, raw)
    WHERE r."importId" = ${importId}::uuid AND r."line" = v.line AND r."raw" IS NULL
      AND (coalesce(r."column", '') LIKE 'lines:%') = ${file === "lines"}`;
}

// ---- the last mapping per kind ---------------------------------------------------------------------------------

export async function getLastImportMapping(kind: ImportKind): Promise<Prisma.JsonValue | null> {
  const row = await db.importMapping.findUnique({ where: { kind }, select: { mapping: true } });
  return row?.mapping ?? null;
}

export async function saveLastImportMapping(kind: ImportKind, mapping: Prisma.InputJsonValue): Promise<void> {
  await db.importMapping.upsert({ where: { kind }, create: { kind, mapping }, update: { mapping } });
}
