/**
 * The database side of one import: its own connection (its temporary staging tables live and die with it),
 * a one-deep pipeline so the file is parsed while the previous batch is checked, and writing staged rows in
 * transactions that split a failing chunk in halves until the rows the database refuses stand alone. Those are
 * rejected with the database's reason; every other row is written. Nothing is ever half-written: a row (an order
 * with its lines) is in one transaction.
 */
import pg from "pg";
import { env } from "@/lib/env";
import type { RejectReason } from "./reject-reason";

export async function openImportSession(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: "crm-import" });
  await client.connect();
  // Before the first temporary table: room for staging in memory. Asynchronous commit is safe here (a crash loses
  // at most the last chunks, and the import is an idempotent upsert that can simply run again). JIT compiling
  // each chunk's statement would cost more than it saves.
  await client.query("SET temp_buffers = '128MB'; SET work_mem = '64MB'; SET synchronous_commit = off; SET jit = off");
  return client;
}

export async function closeImportSession(client: pg.Client): Promise<void> {
  await client.end().catch(() => {});
}

/** Runs one piece of database work at a time while the caller prepares the next. */
export class OneDeepPipeline {
  private pending: Promise<void> = Promise.resolve();

  /** Waits for the previous work, then starts `work` without waiting for it. */
  async push(work: () => Promise<void>): Promise<void> {
    await this.pending;
    const started = work();
    started.catch(() => {});
    this.pending = started;
  }

  async drain(): Promise<void> {
    await this.pending;
  }
}

type DatabaseError = { code?: string; constraint?: string; column?: string; message?: string };

/** Why the database refused one row, and the import field it was about when that can be told (else null). */
export type Refusal = { reason: RejectReason; field: string | null };

/**
 * Why the database refused one row, in words the import can show. `fieldOfColumn` names the import field of a
 * table column ("customerId" → "customerExternalId"), for the errors that name a column.
 */
export function databaseRefusal(error: unknown, fieldOfColumn: Readonly<Record<string, string>> = {}): Refusal {
  const problem = (error ?? {}) as DatabaseError;
  if (problem.code === "23505" && /email/i.test(problem.constraint ?? "")) return { reason: { key: "validation.emailTaken" }, field: "email" };
  if (problem.code === "23505" && /already belongs to another customer/.test(problem.message ?? "")) return { reason: { key: "imports.reasons.idIsAlias" }, field: "externalId" };
  if (problem.code === "23505") return { reason: { key: "imports.reasons.changedMeanwhile" }, field: "externalId" };
  if (problem.code === "23503") return { reason: { key: "imports.reasons.customerGone" }, field: fieldOfColumn.customerId ?? null };
  return {
    reason: { key: "imports.reasons.databaseRefused", values: { message: String(problem.message ?? "").slice(0, 200) } },
    field: problem.column ? (fieldOfColumn[problem.column] ?? null) : null,
  };
}

export type ChunkResult = { written: number; unchanged: number };

/**
 * Writes one chunk in a transaction. `write(lines)` writes the chunk's staged rows (all of them when `lines` is
 * null, else those starting on these lines) and says how many file rows it changed and left unchanged. On an
 * error the chunk is retried in halves by line; a single line the database still refuses is reported through
 * `refuse` (with the error, for `databaseRefusal`) and skipped.
 */
export async function writeChunk(
  client: pg.ClientBase,
  write: (lines: number[] | null) => Promise<ChunkResult>,
  linesOf: () => Promise<number[]>,
  refuse: (line: number, error: unknown) => Promise<number>,
): Promise<ChunkResult> {
  const attempt = async (lines: number[] | null): Promise<ChunkResult | { error: unknown }> => {
    await client.query("BEGIN");
    try {
      const result = await write(lines);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      return { error };
    }
  };
  const first = await attempt(null);
  if (!("error" in first)) return first;
  const total: ChunkResult = { written: 0, unchanged: 0 };
  const split = async (lines: number[], error: unknown): Promise<void> => {
    if (lines.length === 1) {
      // The rows of this order (or this customer) are rejected; `refuse` says how many file rows that was.
      await refuse(lines[0]!, error);
      return;
    }
    const middle = Math.ceil(lines.length / 2);
    for (const half of [lines.slice(0, middle), lines.slice(middle)]) {
      const result = await attempt(half);
      if ("error" in result) await split(half, result.error);
      else {
        total.written += result.written;
        total.unchanged += result.unchanged;
      }
    }
  };
  const lines = await linesOf();
  if (lines.length > 0) await split(lines, first.error);
  return total;
}
