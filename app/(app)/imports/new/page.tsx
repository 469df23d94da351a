import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { FormMessage } from "@/components/ui/form-message";
import { requirePageUser } from "@/lib/auth/session";
import { getLastImportMapping } from "@/lib/db/imports";
import { getReportingCurrency } from "@/lib/db/settings";
import { getUpload } from "@/lib/import/import-files";
import { suggestMapping } from "@/lib/import/import-fields";
import { previewFile } from "@/lib/import/preview-import";
import { readCsvSample } from "@/lib/import/read-csv";
import { ImportMappingSchema, separatorFromName, separatorName } from "@/lib/schemas/import-job";
import { MappingForm } from "./mapping-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports.mapping");
  return { title: t("title") };
}

const SearchSchema = z.object({
  kind: z.enum(["CUSTOMERS", "ORDERS"]),
  file: z.uuid(),
  lines: z.uuid().optional(),
  sep: z.enum(["semicolon", "comma", "tab"]).optional(),
  linesSep: z.enum(["semicolon", "comma", "tab"]).optional(),
});

/** Step 2: which column holds which field (from the last import of this kind, else by header names), with a preview. */
export default async function NewImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("import:run");
  const search = SearchSchema.safeParse(await searchParams);
  if (!search.success) notFound();
  const { kind, sep, linesSep } = search.data;
  const t = await getTranslations("imports");
  const [file, linesFile, lastMapping, currency] = await Promise.all([
    getUpload(search.data.file),
    kind === "ORDERS" && search.data.lines ? getUpload(search.data.lines) : null,
    getLastImportMapping(kind),
    getReportingCurrency(),
  ]);
  if (!file || (search.data.lines && kind === "ORDERS" && !linesFile)) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">{t("mapping.title")}</h1>
        <FormMessage tone="error">{t("mapping.uploadMissing")}</FormMessage>
        <Link href="/imports" className="text-sm text-brand-700 hover:underline">
          {t("backToImports")}
        </Link>
      </div>
    );
  }
  const last = ImportMappingSchema.safeParse(lastMapping);
  const sample = await readCsvSample(file.path, { separator: sep ? separatorFromName(sep) : undefined, rows: 1 });
  const linesSample = linesFile ? await readCsvSample(linesFile.path, { separator: linesSep ? separatorFromName(linesSep) : undefined, rows: 1 }) : null;
  const mapping = suggestMapping(sample.header, kind, last.success ? last.data.main : null);
  const linesMapping = linesSample ? suggestMapping(linesSample.header, "LINES", last.success ? last.data.lines : null) : null;
  const isFromLastTime = last.success && Object.entries(last.data.main).some(([field, column]) => mapping[field] === column);
  const common = { decimalSeparator: "auto" as const, defaultSource: "import", currency, now: new Date() };
  const preview = await previewFile(file.path, kind, mapping, { ...common, separator: sample.separator });
  const linesPreview = linesFile && linesSample ? await previewFile(linesFile.path, "LINES", linesMapping ?? {}, { ...common, separator: linesSample.separator }) : null;

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/imports" className="text-brand-700 hover:underline">
            {t("backToImports")}
          </Link>
        </p>
        <h1 className="mt-1 text-xl font-semibold">{t("mapping.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {t("mapping.intro", { kind: t(`kinds.${kind}`), file: file.name })} {isFromLastTime ? t("mapping.fromLastTime") : t("mapping.fromHeaders")}
        </p>
      </div>
      <MappingForm
        key={`${sample.separator}|${linesSample?.separator ?? ""}`}
        kind={kind}
        file={{ id: file.id, name: file.name, header: sample.header, separator: separatorName(sample.separator), encoding: sample.encoding }}
        linesFile={linesFile && linesSample ? { id: linesFile.id, name: linesFile.name, header: linesSample.header, separator: separatorName(linesSample.separator), encoding: linesSample.encoding } : null}
        initialMapping={mapping}
        initialLinesMapping={linesMapping}
        initialPreview={{ status: "ready", main: preview, lines: linesPreview }}
        currency={currency}
      />
    </div>
  );
}
