/**
 * What kind of CSV a file is, judged from its first bytes: the encoding (UTF-8 with or without a byte order
 * mark; UTF-16 and other encodings are refused with a clear reason) and the separator, sniffed from the header
 * line. Pure functions over text and bytes.
 */

export type Separator = ";" | "," | "\t";
export const SEPARATORS: readonly Separator[] = [";", ",", "\t"];

export type EncodingVerdict = { ok: true; hasBom: boolean } | { ok: false; reason: "utf16" | "notUtf8" };

/**
 * UTF-8 with or without BOM passes. A UTF-16 BOM, or bytes that are not valid UTF-8 (a file saved as
 * Windows-1252 or ISO-8859-1, say), are refused: guessing a legacy code page turns "Müller" into "MÃ¼ller".
 * `head` is the start of the file; a multi-byte character cut off at its end is not held against it.
 */
export function checkEncoding(head: Uint8Array): EncodingVerdict {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return { ok: false, reason: "utf16" };
  const hasBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  let end = head.length;
  // Step back over an incomplete character at the end of the sample.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, end));
  } catch {
    return { ok: false, reason: "notUtf8" };
  }
  return { ok: true, hasBom };
}

/** The text up to the first line break that is not inside quotes (the header record), without a BOM. */
export function firstRecordText(text: string): string {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let isQuoted = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === '"') isQuoted = !isQuoted;
    else if ((char === "\n" || char === "\r") && !isQuoted) return text.slice(start, index);
  }
  return text.slice(start);
}

/**
 * The separator of a file, from its header line: whichever of ; , and tab occurs most often outside quotes.
 * A header with none of them (a single column) is read with a comma.
 */
export function sniffSeparator(headerLine: string): Separator {
  const counts = new Map<Separator, number>(SEPARATORS.map((separator) => [separator, 0]));
  let isQuoted = false;
  for (const char of headerLine) {
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted && counts.has(char as Separator)) counts.set(char as Separator, counts.get(char as Separator)! + 1);
  }
  let best: Separator = ",";
  for (const separator of SEPARATORS) if (counts.get(separator)! > counts.get(best)!) best = separator;
  return best;
}

/** A record written back as one CSV line with the file's own separator (for the rejects file). */
export function recordText(fields: readonly string[], separator: string): string {
  return fields.map((field) => (field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(separator);
}
