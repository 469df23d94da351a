/**
 * Importing customers: every row checked with zod while the file streams, good rows staged with COPY in
 * batches and checked against the database set-based (the same customer twice in the file, an erased person, an
 * email another customer uses), then written in chunks with INSERT … ON CONFLICT ("externalId") DO UPDATE …
 * WHERE the values differ. Only mapped columns are written, so a file without a tags column leaves tags alone.
 * Rows whose values are already stored count as unchanged.
 *
 * An external id left behind by a merge (a customer alias) leads to the customer it was merged into, as it does
 * for order imports and the API: the row updates that survivor (docs/decisions/0009). The survivor's own id and
 * an alias of it in the same file are the same customer twice, so the later row is rejected as a duplicate.
 */
import { SQL_EXTERNAL_ID_HASH } from "@/lib/db/customer-identity";
import { CustomerImportRowSchema, type CustomerImportRow } from "@/lib/schemas/import-rows";
import { copyRows, type CopyValue } from "./copy-rows";
import { recordText } from "./csv-format";
import { extraFieldsProblem, firstIssue, rawRowOf, resolveColumns, type ImportContext } from "./import-context";
import { databaseRefusal, OneDeepPipeline, writeChunk } from "./import-session";
import { readCsv } from "./read-csv";
import type { RejectReason } from "./reject-reason";

/** Field → [Customer column, staging column]. */
const COLUMNS = {
  externalId: ["externalId", "external_id"],
  name: ["name", "name"],
  email: ["email", "email"],
  phone: ["phone", "phone"],
  company: ["company", "company"],
  country: ["country", "country"],
  city: ["city", "city"],
  acquisitionChannel: ["acquisitionChannel", "acquisition_channel"],
  marketingConsent: ["marketingConsent", "marketing_consent"],
  tags: ["tags", "tags"],
} as const;
type CustomerField = keyof typeof COLUMNS;
/** Customer column → import field, for naming the column of a row the database refused. */
const CUSTOMER_FIELD_OF_COLUMN: Record<string, string> = Object.fromEntries(Object.entries(COLUMNS).map(([field, [column]]) => [column, field]));
const STAGE_COLUMNS = ["line", ...Object.values(COLUMNS).map(([, stage]) => stage)];

function stageValues(line: number, row: CustomerImportRow): CopyValue[] {
  return [line, row.externalId, row.name, row.email, row.phone, row.company, row.country, row.city, row.acquisitionChannel, row.marketingConsent, row.tags];
}

type StagedBatch = { rows: { line: number; fields: string[] }[]; values: CopyValue[][] };

export async function importCustomers(context: ImportContext): Promise<void> {
  const { tally } = context;
  const client = context.sessions[0]!;
  await client.query(`
    CREATE TEMP TABLE imp_batch (line int, external_id text, name text, email text, phone text, company text, country text, city text,
      acquisition_channel text, marketing_consent boolean, tags text[]);
    CREATE TEMP TABLE imp_customers (LIKE imp_batch, existing_id uuid, kind smallint, via_alias boolean);
    CREATE INDEX ON imp_customers (external_id);
    CREATE INDEX ON imp_customers (existing_id);
    CREATE INDEX ON imp_customers (lower(email));`);

  let columns = new Map<string, number>();
  let headerLength = 0;
  let mapped: CustomerField[] = [];
  const pipeline = new OneDeepPipeline();
  let batch: StagedBatch = { rows: [], values: [] };
  const flushBatch = async () => {
    const staged = batch;
    batch = { rows: [], values: [] };
    if (staged.values.length === 0) return;
    await pipeline.push(() => stageBatch(context, staged, mapped));
  };

  for await (const items of readCsv(context.filePath, context.separator)) {
    for (const item of items) {
      if (item.kind === "header") {
        columns = resolveColumns(item.fields, context.mapping);
        headerLength = item.fields.length;
        mapped = (Object.keys(COLUMNS) as CustomerField[]).filter((field) => columns.has(field));
        continue;
      }
      tally.read();
      if (item.kind === "problem") {
        tally.reject(item.line, null, item.reason, null);
        continue;
      }
      const extra = extraFieldsProblem(item.fields, headerLength);
      const parsed = extra ? null : CustomerImportRowSchema.safeParse(rawRowOf(item.fields, columns));
      if (!parsed?.success) {
        const issue = parsed ? firstIssue(parsed.error, context.mapping) : { column: null, reason: extra! };
        tally.reject(item.line, issue.column, issue.reason, recordText(item.fields, context.separator));
        continue;
      }
      batch.rows.push({ line: item.line, fields: item.fields });
      batch.values.push(stageValues(item.line, parsed.data));
      if (batch.values.length >= context.batchSize) await flushBatch();
    }
    await tally.flush();
  }
  await flushBatch();
  await pipeline.drain();
  await tally.flush(true);

  tally.phase("stage");
  if (context.isDryRun) {
    const { rows } = await client.query<{ rows: number }>(`SELECT count(*)::int AS rows FROM imp_customers WHERE kind < 2`);
    tally.accepted(rows[0]!.rows);
  } else {
    await writeCustomers(context, mapped);
    await tally.fillRejectTexts("main", context.filePath, context.separator);
  }
  tally.phase("write");
  await tally.flush(true);
}

/** COPY a batch into staging, check it against the database and the rows staged before, keep the good ones. */
async function stageBatch(context: ImportContext, batch: StagedBatch, mapped: CustomerField[]): Promise<void> {
  const { tally } = context;
  const client = context.sessions[0]!;
  await copyRows(client, "imp_batch", STAGE_COLUMNS, batch.values);
  const compared = mapped.filter((field) => field !== "externalId");
  const differs = `(${compared.map((field) => `c."${COLUMNS[field][0]}"`).join(", ")}) IS DISTINCT FROM (${compared.map((field) => `b.${COLUMNS[field][1]}`).join(", ")})`;
  const hasEmail = mapped.includes("email");
  // One round trip for the checks and emptying the batch table (a multi-statement query answers with a list).
  const results = (await client.query(`
    WITH b AS MATERIALIZED (
      SELECT b.*, c.id AS existing_id, c."erasedAt" AS erased_at, c."archivedAt" AS archived_at, coalesce(c.via_alias, false) AS via_alias,
        (c.id IS NOT NULL AND ${compared.length > 0 ? differs : "false"}) AS differs,
        CASE WHEN c.id IS NULL THEN (SELECT e."erasedAt" FROM "ErasedExternalId" e WHERE e."externalIdHash" = ${SQL_EXTERNAL_ID_HASH("b.external_id")}) END AS tombstone_at,
        -- The same customer earlier in the file: by the same id, or by another id that leads to them (an alias).
        least((SELECT min(s.line) FROM imp_customers s WHERE s.external_id = b.external_id),
              CASE WHEN c.id IS NOT NULL THEN (SELECT min(s.line) FROM imp_customers s WHERE s.existing_id = c.id) END) AS earlier_line,
        first_value(b.line) OVER (PARTITION BY coalesce(c.id::text, b.external_id) ORDER BY b.line) AS first_line_of_id,
        ${
          hasEmail
            ? `CASE WHEN b.email IS NOT NULL THEN (SELECT min(s.line) FROM imp_customers s WHERE lower(s.email) = lower(b.email) AND s.external_id <> b.external_id) END AS email_line,
        first_value(b.line) OVER (PARTITION BY lower(b.email) ORDER BY b.line) AS email_first_line,
        first_value(b.external_id) OVER (PARTITION BY lower(b.email) ORDER BY b.line) AS email_first_id,
        CASE WHEN b.email IS NOT NULL THEN EXISTS (SELECT 1 FROM "Customer" x WHERE lower(x.email) = lower(b.email) AND x.email IS NOT NULL
          AND x."archivedAt" IS NULL AND x.id IS DISTINCT FROM c.id) END AS email_taken`
            : `NULL::int AS email_line, NULL::int AS email_first_line, NULL::text AS email_first_id, false AS email_taken`
        }
      FROM imp_batch b
      -- The customer with this external id, or the one it was merged into (an id is never both: a trigger sees to it).
      LEFT JOIN LATERAL (
        (SELECT c.*, false AS via_alias FROM "Customer" c WHERE c."externalId" = b.external_id LIMIT 1)
        UNION ALL
        (SELECT ac.*, true FROM "CustomerAlias" a JOIN "Customer" ac ON ac.id = a."customerId" WHERE a."externalId" = b.external_id LIMIT 1)
        LIMIT 1
      ) c ON true
    ),
    v AS (
      SELECT *, CASE
        WHEN earlier_line IS NOT NULL OR first_line_of_id <> line THEN 'duplicate'
        WHEN erased_at IS NOT NULL OR tombstone_at IS NOT NULL THEN 'erased'
        WHEN email IS NOT NULL AND (email_line IS NOT NULL OR (email_first_line <> line AND email_first_id <> external_id)) THEN 'emailInFile'
        WHEN email_taken AND (existing_id IS NULL OR archived_at IS NULL) THEN 'emailTaken'
      END AS problem
      FROM b
    ),
    staged AS (
      INSERT INTO imp_customers
      SELECT line, external_id, name, email, phone, company, country, city, acquisition_channel, marketing_consent, tags, existing_id,
        CASE WHEN existing_id IS NULL THEN 0 WHEN differs THEN 1 ELSE 2 END, via_alias
      FROM v WHERE problem IS NULL
      RETURNING kind
    )
    SELECT line, problem, coalesce(earlier_line, CASE WHEN first_line_of_id <> line THEN first_line_of_id END, email_line, email_first_line) AS other_line,
      coalesce(erased_at, tombstone_at) AS erased_at, NULL::int AS n
    FROM v WHERE problem IS NOT NULL
    UNION ALL
    SELECT NULL, 'kind' || kind, NULL, NULL, count(*)::int FROM staged GROUP BY kind;
    TRUNCATE imp_batch`)) as unknown as { rows: { line: number | null; problem: string; other_line: number | null; erased_at: Date | null; n: number | null }[] }[];
  const rows = results[0]!.rows;

  const rowsByLine = new Map(batch.rows.map((row) => [row.line, row.fields]));
  for (const row of rows) {
    if (row.line === null) {
      if (row.problem === "kind2") tally.unchanged(row.n ?? 0);
      continue;
    }
    const fields = rowsByLine.get(row.line) ?? [];
    const reason = customerProblemReason(row.problem, row);
    const column = row.problem.startsWith("email") ? context.mapping.email! : context.mapping.externalId!;
    tally.reject(row.line, column, reason, recordText(fields, context.separator));
  }
  await tally.flush();
}

function customerProblemReason(problem: string, row: { other_line: number | null; erased_at: Date | null }): RejectReason {
  switch (problem) {
    case "duplicate":
      return { key: "imports.reasons.duplicateInFile", values: { line: row.other_line ?? 0 } };
    case "erased":
      return { key: "imports.reasons.erased", values: { date: (row.erased_at ?? new Date(0)).toISOString().slice(0, 10) } };
    case "emailInFile":
      return { key: "imports.reasons.emailInFile", values: { line: row.other_line ?? 0 } };
    default:
      return { key: "validation.emailTaken" };
  }
}

/** Writes the staged new and changed customers in chunks of lines. */
async function writeCustomers(context: ImportContext, mapped: CustomerField[]): Promise<void> {
  const { tally } = context;
  const client = context.sessions[0]!;
  const { rows } = await client.query<{ first: number | null; last: number | null }>(`SELECT min(line) AS first, max(line) AS last FROM imp_customers WHERE kind < 2`);
  const first = rows[0]?.first;
  const last = rows[0]?.last;
  if (first === null || first === undefined || last === null || last === undefined) return;

  const written = mapped.filter((field) => field !== "externalId");
  const insertColumns = ["externalId", ...written.map((field) => COLUMNS[field][0]), ...(mapped.includes("marketingConsent") ? ["marketingConsentAt"] : []), "updatedAt"];
  const selectValues = [
    "external_id",
    ...written.map((field) => COLUMNS[field][1]),
    ...(mapped.includes("marketingConsent") ? ["CASE WHEN marketing_consent THEN now() END"] : []),
    "now()",
  ];
  const updates = [
    ...written.map((field) => `"${COLUMNS[field][0]}" = EXCLUDED."${COLUMNS[field][0]}"`),
    ...(mapped.includes("marketingConsent")
      ? [`"marketingConsentAt" = CASE WHEN "Customer"."marketingConsent" IS DISTINCT FROM EXCLUDED."marketingConsent" THEN now() ELSE "Customer"."marketingConsentAt" END`]
      : []),
    `"updatedAt" = now()`,
  ];
  const differs = `(${written.map((field) => `"Customer"."${COLUMNS[field][0]}"`).join(", ")}) IS DISTINCT FROM (${written.map((field) => `EXCLUDED."${COLUMNS[field][0]}"`).join(", ")})`;
  // Rows that came by a merged-away id update their survivor by id (its own external id stays as it is).
  const aliasUpdates = [
    ...written.map((field) => `"${COLUMNS[field][0]}" = s.${COLUMNS[field][1]}`),
    ...(mapped.includes("marketingConsent") ? [`"marketingConsentAt" = CASE WHEN c."marketingConsent" IS DISTINCT FROM s.marketing_consent THEN now() ELSE c."marketingConsentAt" END`] : []),
    `"updatedAt" = now()`,
  ];
  const aliasDiffers = `(${written.map((field) => `c."${COLUMNS[field][0]}"`).join(", ")}) IS DISTINCT FROM (${written.map((field) => `s.${COLUMNS[field][1]}`).join(", ")})`;
  const sql = `
    WITH chunk AS (
      SELECT * FROM imp_customers WHERE kind < 2 AND line BETWEEN $1 AND $2 AND ($3::int[] IS NULL OR line = ANY ($3::int[]))
    ),
    written AS (
      INSERT INTO "Customer" (${insertColumns.map((column) => `"${column}"`).join(", ")})
      SELECT ${selectValues.join(", ")} FROM chunk WHERE NOT via_alias ORDER BY line
      ON CONFLICT ("externalId") DO UPDATE SET ${updates.join(", ")}
      WHERE ${differs}
      RETURNING 1
    ),
    followed AS (
      UPDATE "Customer" c SET ${aliasUpdates.join(", ")}
      FROM chunk s WHERE s.via_alias AND c.id = s.existing_id AND ${aliasDiffers}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM chunk)::int AS staged, ((SELECT count(*) FROM written) + (SELECT count(*) FROM followed))::int AS written`;

  for (let from = first; from <= last; from += context.chunkSize) {
    const to = Math.min(last, from + context.chunkSize - 1);
    const result = await writeChunk(
      client,
      async (lines) => {
        const { rows: counts } = await client.query<{ staged: number; written: number }>(sql, [from, to, lines]);
        const { staged, written: changed } = counts[0]!;
        return { written: changed, unchanged: staged - changed };
      },
      async () => (await client.query<{ line: number }>(`SELECT line FROM imp_customers WHERE kind < 2 AND line BETWEEN $1 AND $2 ORDER BY line`, [from, to])).rows.map((row) => row.line),
      async (line, error) => {
        const { reason, field } = databaseRefusal(error, CUSTOMER_FIELD_OF_COLUMN);
        tally.rejectWithoutText("main", line, field ? (context.mapping[field] ?? null) : null, reason);
        return 1;
      },
    );
    tally.accepted(result.written);
    tally.unchanged(result.unchanged);
    await tally.flush();
  }
}
