"use server";

import { redirect } from "next/navigation";
import { actionFailed } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { getReportingCurrency } from "@/lib/db/settings";
import { getUpload } from "@/lib/import/import-files";
import { missingRequiredFields, type ColumnMapping } from "@/lib/import/import-fields";
import { previewFile, type FilePreview } from "@/lib/import/preview-import";
import { queueImport } from "@/lib/import/start-import";
import { DECIMAL_OPTIONS, ImportOptionsSchema, separatorFromName, startImportFormValues, StartImportFormSchema, type SeparatorName } from "@/lib/schemas/import-job";
import { z } from "zod";

const PreviewInputSchema = z.object({
  kind: z.enum(["CUSTOMERS", "ORDERS"]),
  file: z.uuid(),
  lines: z.uuid().nullable(),
  separator: z.enum(["semicolon", "comma", "tab"]),
  linesSeparator: z.enum(["semicolon", "comma", "tab"]).nullable(),
  decimalSeparator: z.enum(DECIMAL_OPTIONS),
  defaultSource: z.string(),
  mapping: z.record(z.string(), z.string()),
  linesMapping: z.record(z.string(), z.string()).nullable(),
});
export type PreviewInput = z.input<typeof PreviewInputSchema>;
export type PreviewState = { status: "ready"; main: FilePreview; lines: FilePreview | null } | { status: "error"; message: string };

/** The first rows as they would be stored with this mapping; changes nothing. */
export async function previewImportAction(input: PreviewInput): Promise<PreviewState> {
  try {
    await authorize("import:run");
    const parsed = PreviewInputSchema.safeParse(input);
    if (!parsed.success) return { status: "error", message: "errors.invalidInput" };
    const { kind, file, lines, mapping, linesMapping, decimalSeparator } = parsed.data;
    const [upload, linesUpload, currency] = await Promise.all([getUpload(file), lines ? getUpload(lines) : null, getReportingCurrency()]);
    if (!upload) return { status: "error", message: "imports.mapping.uploadMissing" };
    const defaultSource = ImportOptionsSchema.shape.defaultSource.safeParse(parsed.data.defaultSource).data ?? "import";
    const common = { decimalSeparator, defaultSource, currency, now: new Date() };
    const main = await previewFile(upload.path, kind, mapping, { ...common, separator: separatorFromName(parsed.data.separator) });
    const linesPreview = linesUpload ? await previewFile(linesUpload.path, "LINES", linesMapping ?? {}, { ...common, separator: separatorFromName((parsed.data.linesSeparator ?? parsed.data.separator) as SeparatorName) }) : null;
    return { status: "ready", main, lines: linesPreview };
  } catch (error) {
    const failed = actionFailed(error);
    return { status: "error", message: failed.status === "error" ? failed.message : "errors.unexpectedBody" };
  }
}

export type StartState = { status: "idle" } | { status: "error"; message: string; missing?: string[] };

/** Queues the import with this mapping and options, remembers the mapping, and opens the import's page. */
export async function startImportAction(_previous: StartState, formData: FormData): Promise<StartState> {
  let importId: string;
  try {
    const user = await authorize("import:run");
    const parsed = StartImportFormSchema.safeParse(startImportFormValues(formData));
    if (!parsed.success) return { status: "error", message: "errors.invalidInput" };
    const form = parsed.data;
    const [file, linesFile] = await Promise.all([getUpload(form.file), form.lines ? getUpload(form.lines) : null]);
    if (!file || (form.lines && !linesFile)) return { status: "error", message: "imports.mapping.uploadMissing" };
    // With a separate lines file, line columns of the orders file are not used.
    const mapping: ColumnMapping = linesFile ? Object.fromEntries(Object.entries(form.mapping).filter(([field]) => !field.startsWith("line"))) : form.mapping;
    const missing = [...missingRequiredFields(mapping, form.kind), ...(linesFile ? missingRequiredFields(form.linesMapping ?? {}, "LINES").map((field) => `lines.${field}`) : [])];
    if (missing.length > 0) return { status: "error", message: "imports.mapping.missingRequired", missing };
    const job = await queueImport({
      kind: form.kind,
      file,
      linesFile: form.kind === "ORDERS" ? linesFile : null,
      mapping: { main: mapping, ...(linesFile ? { lines: form.linesMapping ?? {} } : {}) },
      options: {
        separator: separatorFromName(form.separator),
        ...(linesFile ? { linesSeparator: separatorFromName(form.linesSeparator ?? form.separator) } : {}),
        decimalSeparator: form.decimalSeparator,
        defaultSource: form.defaultSource,
      },
      isDryRun: form.isDryRun,
      suppressWorkflows: form.suppressWorkflows,
      createdById: user.id,
    });
    importId = job.id;
  } catch (error) {
    const failed = actionFailed(error);
    return { status: "error", message: failed.status === "error" ? failed.message : "errors.unexpectedBody" };
  }
  redirect(`/imports/${importId}`);
}
