/**
 * How far an import is, for its progress bar: reading the file is the first half (rows read of about how many
 * the file has), deciding and writing rows the second (rows accepted, unchanged or rejected). Pure.
 */
export type ProgressInput = {
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  rowsRead: number;
  rowsAccepted: number;
  rowsUnchanged: number;
  rowsRejected: number;
  estimatedRows: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export function importProgress(job: ProgressInput, now: Date): { fraction: number; rowsPerSecond: number | null } {
  const end = job.finishedAt ?? now;
  const seconds = job.startedAt ? (end.getTime() - job.startedAt.getTime()) / 1000 : 0;
  const rowsPerSecond = seconds > 0.5 && job.rowsRead > 0 ? Math.round(job.rowsRead / seconds) : null;
  if (job.status === "SUCCEEDED" || job.status === "FAILED") return { fraction: 1, rowsPerSecond };
  if (job.status === "QUEUED") return { fraction: 0, rowsPerSecond: null };
  const total = Math.max(job.estimatedRows ?? 0, job.rowsRead, 1);
  const decided = job.rowsAccepted + job.rowsUnchanged + job.rowsRejected;
  const fraction = 0.5 * Math.min(1, job.rowsRead / total) + 0.5 * Math.min(1, decided / total);
  // Never 100 % before the job says it is done.
  return { fraction: Math.min(0.99, fraction), rowsPerSecond };
}
