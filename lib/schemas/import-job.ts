/**
 * An import's settings as stored on its job row and sent by the mapping step: which column holds which field
 * (for the main file and an optional order-lines file) and how to read the file.
 */
import { z } from "zod";

export const SEPARATOR_OPTIONS = [";", ",", "\t"] as const;
export const DECIMAL_OPTIONS = ["auto", ",", "."] as const;

const ColumnMappingSchema = z.record(z.string().max(60), z.string().max(200));

export const ImportMappingSchema = z.object({
  main: ColumnMappingSchema,
  lines: ColumnMappingSchema.optional(),
});
export type ImportMapping = z.output<typeof ImportMappingSchema>;

export const ImportOptionsSchema = z.object({
  separator: z.enum(SEPARATOR_OPTIONS),
  linesSeparator: z.enum(SEPARATOR_OPTIONS).optional(),
  decimalSeparator: z.enum(DECIMAL_OPTIONS).default("auto"),
  /** The source system of orders whose file has no source column; external ids are unique per source. */
  defaultSource: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}._-]{1,40}$/u, { error: "imports.reasons.sourceInvalid" })
    .default("import"),
  /** About how many rows the files have (written by the import when it starts), for the progress bar. */
  estimatedRows: z.number().int().nonnegative().optional(),
});
export type ImportOptions = z.output<typeof ImportOptionsSchema>;

export const IMPORT_KINDS = ["CUSTOMERS", "ORDERS"] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

const SEPARATOR_NAMES = { semicolon: ";", comma: ",", tab: "\t" } as const;
export type SeparatorName = keyof typeof SEPARATOR_NAMES;
export const separatorFromName = (name: SeparatorName) => SEPARATOR_NAMES[name];
export const separatorName = (separator: string): SeparatorName => (separator === "," ? "comma" : separator === "\t" ? "tab" : "semicolon");

/** The mapping step's form: which upload, which columns, how to read the file, and the two switches. */
export const StartImportFormSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  file: z.uuid(),
  lines: z.uuid().optional(),
  separator: z.enum(["semicolon", "comma", "tab"]),
  linesSeparator: z.enum(["semicolon", "comma", "tab"]).optional(),
  decimalSeparator: z.enum(DECIMAL_OPTIONS).default("auto"),
  defaultSource: ImportOptionsSchema.shape.defaultSource,
  isDryRun: z.boolean(),
  suppressWorkflows: z.boolean(),
  mapping: ColumnMappingSchema,
  linesMapping: ColumnMappingSchema.optional(),
});
export type StartImportForm = z.output<typeof StartImportFormSchema>;

/** FormData of the mapping form as the schema's input: `map.<field>` and `linesMap.<field>` selects, checkboxes. */
export function startImportFormValues(formData: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const mappingOf = (prefix: string) => {
    const mapping: Record<string, string> = {};
    for (const [key, value] of formData.entries()) if (key.startsWith(prefix) && typeof value === "string" && value !== "") mapping[key.slice(prefix.length)] = value;
    return mapping;
  };
  return {
    kind: text("kind"),
    file: text("file"),
    lines: text("lines"),
    separator: text("separator"),
    linesSeparator: text("linesSeparator"),
    decimalSeparator: text("decimalSeparator"),
    defaultSource: text("defaultSource"),
    isDryRun: formData.get("isDryRun") === "on",
    suppressWorkflows: formData.get("suppressWorkflows") === "on",
    mapping: mappingOf("map."),
    linesMapping: text("lines") ? mappingOf("linesMap.") : undefined,
  };
}
