/**
 * Starting an import from the web: the job row with its files, mapping and options, the mapping remembered
 * for the next file of this kind, and the job queued for the worker (so it keeps going if the tab closes).
 */
import { createImportJob, saveLastImportMapping, type ImportJobRow } from "@/lib/db/imports";
import type { ImportKind } from "@/lib/db/generated/prisma/client";
import { enqueueImport } from "@/lib/jobs/queue";
import type { ImportMapping, ImportOptions } from "@/lib/schemas/import-job";
import type { StoredUpload } from "./import-files";

export type StartImportInput = {
  kind: ImportKind;
  file: StoredUpload;
  linesFile: StoredUpload | null;
  mapping: ImportMapping;
  options: ImportOptions;
  isDryRun: boolean;
  suppressWorkflows: boolean;
  createdById: string;
};

export async function queueImport(input: StartImportInput): Promise<ImportJobRow> {
  const job = await createImportJob({
    kind: input.kind,
    fileName: input.file.name,
    filePath: input.file.path,
    linesFileName: input.linesFile?.name ?? null,
    linesFilePath: input.linesFile?.path ?? null,
    mapping: input.mapping,
    options: input.options,
    isDryRun: input.isDryRun,
    suppressWorkflows: input.suppressWorkflows,
    createdById: input.createdById,
  });
  await saveLastImportMapping(input.kind, input.mapping);
  await enqueueImport({ importId: job.id });
  return job;
}
