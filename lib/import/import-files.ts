/**
 * Uploaded import files on disk: `.data/imports/` (IMPORT_DIR overrides it; the web server and the worker must
 * see the same folder). Each upload is `<uuid>.csv`, streamed to disk as it arrives (never held in memory),
 * with `<uuid>.json` beside it for the original name and size. An upload is deleted when its import has run
 * (succeeded or failed), and one that no import used after a day when the next import finishes.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError } from "@/lib/errors";

/** A generous ceiling for one file; a million order rows are about 60 MB. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export function importDir(): string {
  return path.resolve(process.env.IMPORT_DIR ?? path.join(process.cwd(), ".data", "imports"));
}

export type StoredUpload = { id: string; path: string; name: string; bytes: number; uploadedById: string | null; uploadedAt: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uploadPaths(id: string) {
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", "There is no such upload.");
  return { csv: path.join(importDir(), `${id}.csv`), meta: path.join(importDir(), `${id}.json`) };
}

/** Only the last segment of a browser's file name, without control characters, for display. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || "import.csv";
}

/**
 * Streams `body` to a new file. `expectedBytes` (the request's Content-Length) catches a body cut short on the
 * way, for instance by a proxy's size limit: a shortened file is refused instead of half imported.
 */
export async function saveUpload(body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array>, meta: { name: string; uploadedById: string | null; expectedBytes?: number | null }): Promise<StoredUpload> {
  await mkdir(importDir(), { recursive: true });
  const id = randomUUID();
  const paths = uploadPaths(id);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) callback(new AppError("INVALID", "The file is too large.", { file: ["imports.upload.tooLarge"] }));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), counter, createWriteStream(paths.csv, { flags: "wx" }));
    if (bytes === 0) throw new AppError("INVALID", "The file is empty.", { file: ["imports.upload.empty"] });
    if (meta.expectedBytes && bytes < meta.expectedBytes) throw new AppError("INVALID", "The upload was cut short.", { file: ["imports.upload.truncated"] });
  } catch (error) {
    await rm(paths.csv, { force: true });
    throw error;
  }
  const upload: StoredUpload = { id, path: paths.csv, name: cleanFileName(meta.name), bytes, uploadedById: meta.uploadedById, uploadedAt: new Date().toISOString() };
  await writeFile(paths.meta, JSON.stringify(upload));
  return upload;
}

/** A stored upload by id, or null when there is none (or the id is not one of ours). */
export async function getUpload(id: string): Promise<StoredUpload | null> {
  if (!UUID.test(id)) return null;
  const paths = uploadPaths(id);
  try {
    const meta = JSON.parse(await readFile(paths.meta, "utf8")) as StoredUpload;
    await stat(paths.csv);
    return { ...meta, id, path: paths.csv };
  } catch {
    return null;
  }
}

function isOurUpload(filePath: string): boolean {
  return path.dirname(path.resolve(filePath)) === importDir() && UUID.test(path.basename(filePath, ".csv")) && filePath.endsWith(".csv");
}

/**
 * Deletes an uploaded file (and its description) once its import has run: the rows now live in the database, and
 * the ones that were rejected in the rejects list, so the file itself would only keep personal data that an
 * erasure cannot reach. A file outside the upload folder (one the command line was given) is left alone.
 */
export async function discardUpload(filePath: string | null): Promise<void> {
  if (!filePath || !isOurUpload(filePath)) return;
  const id = path.basename(filePath, ".csv");
  const paths = uploadPaths(id);
  await Promise.all([rm(paths.csv, { force: true }), rm(paths.meta, { force: true })]);
}

/** Uploads never imported (the mapping step was left) and older than `olderThan`, except those in `keep`: deleted. */
export async function discardAbandonedUploads(olderThan: Date, keep: ReadonlySet<string>): Promise<number> {
  let names: string[];
  try {
    names = await readdir(importDir());
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const id = name.replace(/\.(csv|json)$/, "");
    if (!name.endsWith(".csv") || !UUID.test(id)) continue;
    const paths = uploadPaths(id);
    if (keep.has(paths.csv)) continue;
    const modified = await stat(paths.csv).then((stats) => stats.mtime, () => null);
    if (!modified || modified >= olderThan) continue;
    await Promise.all([rm(paths.csv, { force: true }), rm(paths.meta, { force: true })]);
    removed++;
  }
  return removed;
}
