/**
 * A rejected row's reason and column in the reader's language, for the result page and the rejects file. Works
 * with next-intl's translator on the server and in the browser.
 */
import { decodeReason, LINES_FILE_PREFIX } from "./reject-reason";

type Translator = { (key: never, values?: never): string; has: (key: never) => boolean };

export function rejectReasonText(t: Translator, encoded: string): string {
  const { key, values } = decodeReason(encoded);
  return t.has(key as never) ? t(key as never, values as never) : key;
}

/** The file's column name; columns of a separate order-lines file say so. */
export function rejectColumnText(t: Translator, column: string | null): string {
  if (column === null || column === "") return "";
  if (column.startsWith(LINES_FILE_PREFIX)) {
    const name = column.slice(LINES_FILE_PREFIX.length);
    return t("imports.rejects.linesFileColumn" as never, { column: name || "—" } as never);
  }
  return column;
}
