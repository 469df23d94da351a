"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

type Kind = "CUSTOMERS" | "ORDERS";

/**
 * Step 1: choose the kind and the file(s). Each file is sent as it is (streamed to disk on the server, never
 * held in memory) and the mapping step opens with what was uploaded.
 */
export function UploadForm() {
  const t = useTranslations("imports");
  const router = useRouter();
  const [kind, setKind] = useState<Kind>("CUSTOMERS");
  const [status, setStatus] = useState<{ state: "idle" } | { state: "uploading"; name: string } | { state: "error"; message: string }>({ state: "idle" });

  async function upload(file: File): Promise<string> {
    const response = await fetch(`/api/imports/files?name=${encodeURIComponent(file.name)}`, {
      method: "POST",
      body: file,
      headers: { "content-type": "text/csv", "x-crm-upload": "1" },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { fields?: { file?: string[] } } } | null;
      const key = body?.error?.fields?.file?.[0]?.replace(/^imports\./, "");
      throw new Error(key && t.has(key as never) ? t(key as never) : response.status === 403 ? t("upload.forbidden") : t("upload.failed"));
    }
    return ((await response.json()) as { id: string }).id;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    const linesFile = kind === "ORDERS" ? data.get("linesFile") : null;
    if (!(file instanceof File) || file.size === 0) {
      setStatus({ state: "error", message: t("upload.chooseFile") });
      return;
    }
    try {
      setStatus({ state: "uploading", name: file.name });
      const fileId = await upload(file);
      let linesId: string | null = null;
      if (linesFile instanceof File && linesFile.size > 0) {
        setStatus({ state: "uploading", name: linesFile.name });
        linesId = await upload(linesFile);
      }
      const params = new URLSearchParams({ kind, file: fileId, ...(linesId ? { lines: linesId } : {}) });
      router.push(`/imports/new?${params.toString()}`);
    } catch (error) {
      setStatus({ state: "error", message: error instanceof Error ? error.message : t("upload.failed") });
    }
  }

  const isUploading = status.state === "uploading";
  return (
    <form onSubmit={submit} aria-label={t("upload.title")} className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("upload.kind")}</legend>
        <div className="mt-1 flex gap-4">
          {(["CUSTOMERS", "ORDERS"] as const).map((option) => (
            <label key={option} className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} className="size-4" />
              {t(`kinds.${option}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">
            {t("upload.file")}
          </label>
          <input id="import-file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" className="block w-full text-sm" aria-describedby="import-file-hint" />
          <p id="import-file-hint" className="text-xs text-slate-500">
            {t("upload.hint")}
          </p>
        </div>
        {kind === "ORDERS" ? (
          <div className="space-y-1">
            <label htmlFor="import-lines-file" className="block text-sm font-medium text-slate-700">
              {t("upload.linesFile")}
            </label>
            <input id="import-lines-file" name="linesFile" type="file" accept=".csv,.txt,text/csv,text/plain" className="block w-full text-sm" aria-describedby="import-lines-hint" />
            <p id="import-lines-hint" className="text-xs text-slate-500">
              {t("upload.linesFileHint")}
            </p>
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isUploading}>
          {t("upload.submit")}
        </Button>
        <div aria-live="polite" className="text-sm text-slate-600">
          {isUploading ? t("upload.uploading", { name: status.name }) : null}
        </div>
      </div>
      {status.state === "error" ? <FormMessage tone="error">{status.message}</FormMessage> : null}
    </form>
  );
}
