/**
 * `npm run import -- customers|orders FILE [--lines FILE] [--dry-run] [--separator ';'] [options]`: the CSV import
 * of the web page, run in this process against DATABASE_URL (the same engine, job row and rejects). Columns are
 * matched by their header names (or the last mapping used on the web page); `--map field=Header` overrides one.
 * Progress goes to stderr, the summary and the first rejects to stdout. Exit code 0 when the import ran (even
 * with rejected rows), 1 when it failed, 2 for wrong arguments.
 *
 * Options: --lines FILE (order lines in a second file), --dry-run, --separator ';'|','|tab, --decimal auto|,|.,
 * --source NAME (source system of orders without a source column, default "import"), --no-workflows,
 * --no-recompute (do not queue a CLV recompute afterwards), --map field=Header (repeatable).
 */
import "dotenv/config";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { IntlMessageFormat } from "intl-messageformat";
import { CATALOGS, type MessageTree } from "@/i18n/catalogs";
import { db } from "@/lib/db/client";
import { createImportJob, getLastImportMapping, listImportRejects } from "@/lib/db/imports";
import { closePgPool } from "@/lib/db/pg-pool";
import { SEPARATORS, type Separator } from "@/lib/import/csv-format";
import { fieldsFor, missingRequiredFields, suggestMapping, type ColumnMapping, type MappingTarget } from "@/lib/import/import-fields";
import { readCsvSample } from "@/lib/import/read-csv";
import { decodeReason, LINES_FILE_PREFIX } from "@/lib/import/reject-reason";
import { runImportJob } from "@/lib/import/run-import";
import { stopJobQueue } from "@/lib/jobs/queue";
import { ImportMappingSchema, ImportOptionsSchema } from "@/lib/schemas/import-job";

const USAGE = "Usage: npm run import -- customers|orders FILE [--lines FILE] [--dry-run] [--separator ';'] [--decimal auto|,|.] [--source NAME] [--no-workflows] [--no-recompute] [--map field=Header]";

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

function parseSeparator(text: string | undefined): Separator | undefined {
  if (text === undefined) return undefined;
  const separator = text === "tab" || text === "\\t" ? "\t" : text;
  if (!SEPARATORS.includes(separator as Separator)) fail(`--separator must be ';', ',' or tab, not ${JSON.stringify(text)}.`);
  return separator as Separator;
}

async function mappingFor(file: string, target: MappingTarget, separator: Separator | undefined, last: ColumnMapping | null, overrides: ColumnMapping) {
  const sample = await readCsvSample(file, { separator, rows: 1 });
  if (!sample.encoding.ok) fail(`${path.basename(file)}: ${english(`imports.errors.${sample.encoding.reason}`)}`, 1);
  if (sample.header.length === 0) fail(`${path.basename(file)}: ${english("imports.mapping.noHeader")}`, 1);
  const mapping = { ...suggestMapping(sample.header, target, last), ...overrides };
  const known = new Set(fieldsFor(target).map((spec) => spec.key));
  for (const [field, column] of Object.entries(overrides)) {
    if (!known.has(field)) fail(`--map: ${field} is not a field of ${target.toLowerCase()} files (fields: ${[...known].join(", ")}).`);
    if (!sample.header.includes(column)) fail(`--map: ${path.basename(file)} has no column ${JSON.stringify(column)} (columns: ${sample.header.join(", ")}).`);
  }
  const missing = missingRequiredFields(mapping, target);
  if (missing.length > 0) {
    fail(`${path.basename(file)}: no column found for ${missing.join(", ")}. Columns in the file: ${sample.header.join(", ")}. Name them with --map field=Header.`);
  }
  return { mapping, separator: sample.separator };
}

async function main(): Promise<number> {
  const { values: args, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      lines: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      separator: { type: "string" },
      decimal: { type: "string", default: "auto" },
      source: { type: "string", default: "import" },
      "no-workflows": { type: "boolean", default: false },
      "no-recompute": { type: "boolean", default: false },
      map: { type: "string", multiple: true, default: [] },
      help: { type: "boolean", default: false },
    },
  });
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [kindArg, fileArg] = positionals;
  if (!kindArg || !fileArg || positionals.length > 2 || !["customers", "orders"].includes(kindArg)) fail(USAGE);
  const kind = kindArg === "customers" ? "CUSTOMERS" : "ORDERS";
  const file = path.resolve(fileArg);
  if (!existsSync(file)) fail(`No such file: ${fileArg}`);
  const linesFile = args.lines ? path.resolve(args.lines) : null;
  if (linesFile && kind !== "ORDERS") fail("--lines belongs to an orders import.");
  if (linesFile && !existsSync(linesFile)) fail(`No such file: ${args.lines}`);
  if (!["auto", ",", "."].includes(args.decimal)) fail("--decimal must be auto, ',' or '.'.");
  const source = ImportOptionsSchema.shape.defaultSource.safeParse(args.source);
  if (!source.success) fail(`--source: ${english("imports.reasons.sourceInvalid")}`);
  const overrides: ColumnMapping = {};
  for (const pair of args.map) {
    const [field, ...column] = pair.split("=");
    if (!field || column.length === 0) fail(`--map expects field=Header, not ${JSON.stringify(pair)}.`);
    overrides[field] = column.join("=");
  }

  const separator = parseSeparator(args.separator);
  const last = ImportMappingSchema.safeParse(await getLastImportMapping(kind));
  const main = await mappingFor(file, kind, separator, last.success ? last.data.main : null, linesFile ? {} : overrides);
  const lines = linesFile ? await mappingFor(linesFile, "LINES", separator, last.success ? (last.data.lines ?? null) : null, overrides) : null;
  process.stderr.write(`Columns of ${path.basename(file)}: ${Object.entries(main.mapping).map(([field, column]) => `${field} ← ${JSON.stringify(column)}`).join(", ")}\n`);
  if (lines) process.stderr.write(`Columns of ${path.basename(linesFile!)}: ${Object.entries(lines.mapping).map(([field, column]) => `${field} ← ${JSON.stringify(column)}`).join(", ")}\n`);

  const job = await createImportJob({
    kind,
    fileName: path.basename(file),
    filePath: file,
    linesFileName: linesFile ? path.basename(linesFile) : null,
    linesFilePath: linesFile,
    mapping: { main: main.mapping, ...(lines ? { lines: lines.mapping } : {}) },
    options: { separator: main.separator, ...(lines ? { linesSeparator: lines.separator } : {}), decimalSeparator: args.decimal as "auto" | "," | ".", defaultSource: source.data },
    isDryRun: args["dry-run"],
    suppressWorkflows: args["no-workflows"],
    createdById: null,
  });
  let lastReport = 0;
  const outcome = await runImportJob(job.id, {
    requestRecompute: !args["no-recompute"],
    onProgress: (counts) => {
      if (Date.now() - lastReport < 2000) return;
      lastReport = Date.now();
      process.stderr.write(`${counts.rowsRead.toLocaleString("en")} rows read, ${counts.rowsAccepted.toLocaleString("en")} accepted, ${counts.rowsUnchanged.toLocaleString("en")} unchanged, ${counts.rowsRejected.toLocaleString("en")} rejected\n`);
    },
  });

  const { rowsRead, rowsAccepted, rowsUnchanged, rowsRejected } = outcome.counts;
  const lines_ = [
    `Import ${job.id} ${outcome.status === "SUCCEEDED" ? "finished" : "FAILED"} in ${outcome.seconds} s${args["dry-run"] ? " (dry run: nothing was written)" : ""}.`,
    `  rows read:  ${rowsRead.toLocaleString("en")}`,
    `  accepted:   ${rowsAccepted.toLocaleString("en")}${args["dry-run"] ? " (would be written)" : ""}`,
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
