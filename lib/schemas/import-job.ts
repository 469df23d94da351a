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
