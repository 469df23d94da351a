/**
 * Why a row was rejected, stored as a message key with its values ("imports.reasons.customerUnknown
 * {"id":"C-9"}") so the result page and the rejects file speak the reader's language. Keys are either under
 * `validation.` (the rules shared with the customer form) or under `imports.reasons.`.
 */
export type RejectReason = { key: string; values?: Record<string, string | number> };

export function encodeReason(reason: RejectReason): string {
  return reason.values && Object.keys(reason.values).length > 0 ? `${reason.key} ${JSON.stringify(reason.values)}` : reason.key;
}

export function decodeReason(text: string): RejectReason {
  const space = text.indexOf(" ");
  if (space === -1) return { key: text };
  try {
    return { key: text.slice(0, space), values: JSON.parse(text.slice(space + 1)) as Record<string, string | number> };
  } catch {
    return { key: text.slice(0, space) };
  }
}

/** Stands in for a value an erased person's reject quoted. */
export const ERASED_VALUE = "—";

/**
 * The reason with every value that holds one of `terms` (an erased person's external ids and email addresses,
 * letter case ignored) replaced, so the message still reads but no longer names them.
 */
export function scrubReason(encoded: string, terms: readonly string[]): string {
  const { key, values } = decodeReason(encoded);
  if (!values) return encoded;
  const lowered = terms.map((term) => term.toLowerCase()).filter((term) => term !== "");
  const mentions = (value: string | number) => lowered.some((term) => String(value).toLowerCase().includes(term));
  return encodeReason({ key, values: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, mentions(value) ? ERASED_VALUE : value])) });
}

/** A zod message as a full message key: bare keys come from the shared `validation.` messages. */
export function messageKey(message: string): string {
  return message.includes(".") ? message : `validation.${message}`;
}

/** Reject-column names carry the file they belong to: the order-lines file's columns are prefixed. */
export const LINES_FILE_PREFIX = "lines:";

/** A reason the whole import cannot run (a mapped column missing from the file, a file that is not UTF-8). */
export class ImportFailure extends Error {
  constructor(readonly reason: RejectReason) {
    super(encodeReason(reason));
    this.name = "ImportFailure";
  }
}
