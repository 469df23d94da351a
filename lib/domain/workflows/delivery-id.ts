import { createHash } from "node:crypto";

/**
 * A UUID derived from a name (the version 5 layout over SHA-1): a step's webhook gets the same id on every
 * attempt, before anything is written, so the receiver can recognise a repeat.
 */
export function nameBasedUuid(name: string): string {
  const bytes = createHash("sha1").update(`crm-workflow-delivery:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
