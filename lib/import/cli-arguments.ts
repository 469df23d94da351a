/**
 * The arguments of `npm run import` (scripts/import.ts), read and checked without touching files or the
 * database, so the rules are tested on their own. With `--lines`, the orders file and the lines file each have
 * their own column overrides (`--map` and `--lines-map`) and separator (`--separator` and `--lines-separator`);
 * a file without a given separator has its own detected from its header.
 */
import { parseArgs } from "node:util";
import { SEPARATORS, type Separator } from "./csv-format";

export const IMPORT_USAGE = `Usage: npm run import -- customers|orders FILE [options]

  --dry-run                 check every row, write nothing
  --lines FILE              order lines in a second file (orders only)
  --map field=Header        which column of FILE holds a field (repeatable)
  --lines-map field=Header  which column of the --lines file holds a field (repeatable)
  --separator ';'|','|tab   FILE's separator (default: detected from its header)
  --lines-separator ...     the --lines file's separator (default: detected from its header)
  --decimal auto|,|.        the decimal mark of amounts (default auto)
  --source NAME             source system of orders without a source column (default "import")
  --no-workflows            the changes this import makes start no workflows
  --no-recompute            do not queue a CLV recompute afterwards
  --help                    this text`;

export type ImportArguments = {
  kind: "CUSTOMERS" | "ORDERS";
  file: string;
  linesFile: string | null;
  isDryRun: boolean;
  /** Undefined: detect the file's own separator. */
  separator: Separator | undefined;
  linesSeparator: Separator | undefined;
  decimal: "auto" | "," | ".";
  source: string;
  suppressWorkflows: boolean;
  requestRecompute: boolean;
  /** Field → column overrides for FILE and for the lines file. */
  map: Record<string, string>;
  linesMap: Record<string, string>;
};

export type ParsedImportArguments = { kind: "help" } | { kind: "run"; args: ImportArguments } | { kind: "error"; message: string };

function separatorOf(option: string, text: string | undefined): Separator | undefined | { error: string } {
  if (text === undefined) return undefined;
  const separator = text === "tab" || text === "\\t" ? "\t" : text;
  if (!SEPARATORS.includes(separator as Separator)) return { error: `${option} must be ';', ',' or tab, not ${JSON.stringify(text)}.` };
  return separator as Separator;
}

function mappingOf(option: string, pairs: readonly string[]): Record<string, string> | { error: string } {
  const mapping: Record<string, string> = {};
  for (const pair of pairs) {
    const [field, ...column] = pair.split("=");
    if (!field || column.length === 0 || column.join("=") === "") return { error: `${option} expects field=Header, not ${JSON.stringify(pair)}.` };
    mapping[field] = column.join("=");
  }
  return mapping;
}

const isError = (value: unknown): value is { error: string } => typeof value === "object" && value !== null && "error" in value;

export function parseImportArguments(argv: readonly string[]): ParsedImportArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        lines: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        separator: { type: "string" },
        "lines-separator": { type: "string" },
        decimal: { type: "string", default: "auto" },
        source: { type: "string", default: "import" },
        "no-workflows": { type: "boolean", default: false },
        "no-recompute": { type: "boolean", default: false },
        map: { type: "string", multiple: true, default: [] },
        "lines-map": { type: "string", multiple: true, default: [] },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  const [kind, file] = positionals;
  if (!kind || !file || positionals.length > 2 || (kind !== "customers" && kind !== "orders")) return { kind: "error", message: IMPORT_USAGE };
  const hasLines = values.lines !== undefined;
  if (hasLines && kind !== "orders") return { kind: "error", message: "--lines belongs to an orders import." };
  if (!hasLines && values["lines-map"].length > 0) return { kind: "error", message: "--lines-map needs --lines FILE." };
  if (!hasLines && values["lines-separator"] !== undefined) return { kind: "error", message: "--lines-separator needs --lines FILE." };
  if (values.decimal !== "auto" && values.decimal !== "," && values.decimal !== ".") return { kind: "error", message: "--decimal must be auto, ',' or '.'." };
  const separator = separatorOf("--separator", values.separator);
  if (isError(separator)) return { kind: "error", message: separator.error };
  const linesSeparator = separatorOf("--lines-separator", values["lines-separator"]);
  if (isError(linesSeparator)) return { kind: "error", message: linesSeparator.error };
  const map = mappingOf("--map", values.map);
  if (isError(map)) return { kind: "error", message: map.error };
  const linesMap = mappingOf("--lines-map", values["lines-map"]);
  if (isError(linesMap)) return { kind: "error", message: linesMap.error };
  return {
    kind: "run",
    args: {
      kind: kind === "customers" ? "CUSTOMERS" : "ORDERS",
      file,
      linesFile: values.lines ?? null,
      isDryRun: values["dry-run"],
      separator,
      linesSeparator,
      decimal: values.decimal,
      source: values.source,
      suppressWorkflows: values["no-workflows"],
      requestRecompute: !values["no-recompute"],
      map,
      linesMap,
    },
  };
}
