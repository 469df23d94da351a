/**
 * `npm run import -- customers|orders FILE [--lines FILE] [--dry-run] [options]`: the CSV import of the web page,
 * run in this process against DATABASE_URL (the same engine, job row and rejects). Columns are matched by their
 * header names (or the last mapping used on the web page); `--map field=Header` overrides one of FILE's and
 * `--lines-map field=Header` one of the lines file's. Each file's separator is detected from its header unless
 * given (`--separator`, `--lines-separator`). Progress goes to stderr, the summary and the first rejects to
 * stdout. Exit code 0 when the import ran (even with rejected rows), 1 when it failed, 2 for wrong arguments.
 * The options are listed by `--help` (lib/import/cli-arguments.ts).
 */
import "dotenv/config";
import { existsSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { CATALOGS, type MessageTree } from "@/i18n/catalogs";
import { db } from "@/lib/db/client";
import { createImportJob, getLastImportMapping, listImportRejects } from "@/lib/db/imports";
import { closePgPool } from "@/lib/db/pg-pool";
import { IMPORT_USAGE, parseImportArguments } from "@/lib/import/cli-arguments";
import type { Separator } from "@/lib/import/csv-format";
import { fieldsFor, missingRequiredFields, suggestMapping, type ColumnMapping, type MappingTarget } from "@/lib/import/import-fields";
import { readCsvSample } from "@/lib/import/read-csv";
import { decodeReason, LINES_FILE_PREFIX } from "@/lib/import/reject-reason";
import { runImportJob } from "@/lib/import/run-import";
import { stopJobQueue } from "@/lib/jobs/queue";
import { ImportMappingSchema, ImportOptionsSchema } from "@/lib/schemas/import-job";

/** An English message from the app's catalog, for reasons stored as message keys. */
function english(key: string, values?: Record<string, string | number>): string {
  let node: MessageTree | string | undefined = CATALOGS.en;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") return key;
  return String(new IntlMessageFormat(node, "en").format(values));
}

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function mappingFor(file: string, target: MappingTarget, separator: Separator | undefined, last: ColumnMapping | null, overrides: ColumnMapping, option: "--map" | "--lines-map") {
  const sample = await readCsvSample(file, { separator, rows: 1 });
  if (!sample.encoding.ok) fail(`${path.basename(file)}: ${english(`imports.errors.${sample.encoding.reason}`)}`, 1);
  if (sample.header.length === 0) fail(`${path.basename(file)}: ${english("imports.mapping.noHeader")}`, 1);
  const mapping = { ...suggestMapping(sample.header, target, last), ...overrides };
  const known = new Set(fieldsFor(target).map((spec) => spec.key));
  for (const [field, column] of Object.entries(overrides)) {
    if (!known.has(field)) fail(`${option}: ${field} is not a field of ${target.toLowerCase()} files (fields: ${[...known].join(", ")}).`);
    if (!sample.header.includes(column)) fail(`${option}: ${path.basename(file)} has no column ${JSON.stringify(column)} (columns: ${sample.header.join(", ")}).`);
  }
  const missing = missingRequiredFields(mapping, target);
  if (missing.length > 0) {
    fail(`${path.basename(file)}: no column found for ${missing.join(", ")}. Columns in the file: ${sample.header.join(", ")}. Name them with ${option} field=Header.`);
  }
  return { mapping, separator: sample.separator };
}

async function main(): Promise<number> {
  const parsed = parseImportArguments(process.argv.slice(2));
  if (parsed.kind === "help") {
    process.stdout.write(`${IMPORT_USAGE}\n`);
    return 0;
  }
  if (parsed.kind === "error") fail(parsed.message);
  const args = parsed.args;
  const { kind } = args;
  const file = path.resolve(args.file);
  if (!existsSync(file)) fail(`No such file: ${args.file}`);
  const linesFile = args.linesFile ? path.resolve(args.linesFile) : null;
  if (linesFile && !existsSync(linesFile)) fail(`No such file: ${args.linesFile}`);
  const source = ImportOptionsSchema.shape.defaultSource.safeParse(args.source);
  if (!source.success) fail(`--source: ${english("imports.reasons.sourceInvalid")}`);

  const last = ImportMappingSchema.safeParse(await getLastImportMapping(kind));
  const main = await mappingFor(file, kind, args.separator, last.success ? last.data.main : null, args.map, "--map");
  const lines = linesFile ? await mappingFor(linesFile, "LINES", args.linesSeparator, last.success ? (last.data.lines ?? null) : null, args.linesMap, "--lines-map") : null;
  process.stderr.write(`Columns of ${path.basename(file)}: ${Object.entries(main.mapping).map(([field, column]) => `${field} ← ${JSON.stringify(column)}`).join(", ")}\n`);
  if (lines) process.stderr.write(`Columns of ${path.basename(linesFile!)}: ${Object.entries(lines.mapping).map(([field, column]) => `${field} ← ${JSON.stringify(column)}`).join(", ")}\n`);

  const job = await createImportJob({
    kind,
    fileName: path.basename(file),
    filePath: file,
    linesFileName: linesFile ? path.basename(linesFile) : null,
    linesFilePath: linesFile,
    mapping: { main: main.mapping, ...(lines ? { lines: lines.mapping } : {}) },
    options: { separator: main.separator, ...(lines ? { linesSeparator: lines.separator } : {}), decimalSeparator: args.decimal, defaultSource: source.data },
    isDryRun: args.isDryRun,
    suppressWorkflows: args.suppressWorkflows,
    createdById: null,
  });
  let lastReport = 0;
  const outcome = await runImportJob(job.id, {
    requestRecompute: args.requestRecompute,
    onProgress: (counts) => {
      if (Date.now() - lastReport < 2000) return;
      lastReport = Date.now();
      process.stderr.write(`${counts.rowsRead.toLocaleString("en")} rows read, ${counts.rowsAccepted.toLocaleString("en")} accepted, ${counts.rowsUnchanged.toLocaleString("en")} unchanged, ${counts.rowsRejected.toLocaleString("en")} rejected\n`);
    },
  });

  const { rowsRead, rowsAccepted, rowsUnchanged, rowsRejected } = outcome.counts;
  const lines_ = [
    `Import ${job.id} ${outcome.status === "SUCCEEDED" ? "finished" : "FAILED"} in ${outcome.seconds} s${args.isDryRun ? " (dry run: nothing was written)" : ""}.`,
    `  rows read:  ${rowsRead.toLocaleString("en")}`,
    `  accepted:   ${rowsAccepted.toLocaleString("en")}${args.isDryRun ? " (would be written)" : ""}`,
    `  unchanged:  ${rowsUnchanged.toLocaleString("en")}`,
    `  rejected:   ${rowsRejected.toLocaleString("en")}`,
  ];
  if (outcome.error) {
    const { key, values } = decodeReason(outcome.error);
    lines_.push(`  error: ${english(key, values)}`);
  }
  if (outcome.recomputeRunId) lines_.push(`A recompute of customer values and segments was queued (run ${outcome.recomputeRunId}); the worker runs it.`);
  if (rowsRejected > 0) {
    const { rows } = await listImportRejects(job.id, { page: 1, pageSize: 20 });
    lines_.push(`First rejected rows${rowsRejected > rows.length ? ` (${rows.length} of ${rowsRejected.toLocaleString("en")}; all of them are on the imports page)` : ""}:`);
    for (const reject of rows) {
      const { key, values } = decodeReason(reject.reason);
      const column = reject.column?.startsWith(LINES_FILE_PREFIX) ? `${reject.column.slice(LINES_FILE_PREFIX.length)} (lines file)` : reject.column;
      lines_.push(`  line ${reject.line}${column ? `, ${column}` : ""}: ${english(key, values)}`);
    }
  }
  process.stdout.write(`${lines_.join("\n")}\n`);
  return outcome.status === "SUCCEEDED" ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  process.stderr.write(`[import] ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await stopJobQueue().catch(() => {});
  await db.$disconnect().catch(() => {});
  await closePgPool().catch(() => {});
}
process.exit(code);
