/**
 * EXPLAIN ANALYZE of exactly the SQL a data-layer function sends: the pool's query method is wrapped while the
 * function runs once, and every captured statement is explained with its parameters.
 */
import type pg from "pg";
import { pgPool } from "../../lib/db/pg-pool";

export async function explainQueries(title: string, run: () => Promise<unknown>): Promise<string> {
  const pool = pgPool();
  const captured: { text: string; values: unknown[] }[] = [];
  const original = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: unknown }).query = (text: string | pg.QueryConfig, values?: unknown[]) => {
    if (typeof text === "string") captured.push({ text, values: values ?? [] });
    else captured.push({ text: text.text, values: text.values ?? [] });
    return original(text as string, values);
  };
  try {
    await run();
  } finally {
    (pool as unknown as { query: unknown }).query = original;
  }
  const sections: string[] = [];
  for (const { text, values } of captured) {
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    sections.push(`## ${title}\n${text.trim()}\n-- params ${JSON.stringify(values)}\n${rows.map((row) => row["QUERY PLAN"]).join("\n")}\n`);
  }
  return sections.join("\n");
}
