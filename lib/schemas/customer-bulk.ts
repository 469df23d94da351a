/**
 * A bulk change to many customers from the list: to the rows ticked on the page, or to every customer matching
 * the list's filters (the URL search string of the view). Messages are i18n keys under `validation.`.
 */
import { z } from "zod";
import { TAG_PATTERN } from "./customer";
import { SuppressWorkflowsField } from "./suppress-workflows";

/** More than this many customers at once is refused (an import or a segment workflow suits that better). */
export const BULK_LIMIT = 10_000;

const Target = z.discriminatedUnion("target", [
  z.object({ target: z.literal("selected"), ids: z.array(z.uuid({ error: "invalid" })).min(1, { error: "bulkNothingSelected" }).max(BULK_LIMIT, { error: "bulkTooMany" }) }),
  z.object({ target: z.literal("matching"), search: z.string().max(2000) }),
]);

const Change = z.discriminatedUnion("action", [
  z.object({ action: z.literal("addTag"), tag: z.string().trim().toLowerCase().regex(TAG_PATTERN, { error: "tagInvalid" }) }),
  z.object({ action: z.literal("removeTag"), tag: z.string().trim().toLowerCase().regex(TAG_PATTERN, { error: "tagInvalid" }) }),
  z.object({ action: z.literal("assignOwner"), ownerId: z.uuid({ error: "ownerInvalid" }).nullable() }),
]);

/** Tags and owners are what custom segment rules read: "don't trigger workflows" keeps the moves it causes quiet. */
const Options = z.object({ suppressWorkflows: SuppressWorkflowsField });

export const CustomerBulkSchema = z.intersection(z.intersection(Target, Change), Options);
export type CustomerBulk = z.output<typeof CustomerBulkSchema>;
export type CustomerBulkChange = z.output<typeof Change>;

/** The action's form fields: target, ids (JSON), search, action, tag, ownerId ("" = nobody), suppressWorkflows. */
export function customerBulkFromForm(formData: FormData): unknown {
  const ids = (() => {
    try {
      return JSON.parse(String(formData.get("ids") ?? "[]"));
    } catch {
      return null;
    }
  })();
  const ownerId = formData.get("ownerId");
  return {
    target: formData.get("target"),
    ids,
    search: formData.get("search") ?? "",
    action: formData.get("action"),
    tag: formData.get("tag") ?? undefined,
    ownerId: ownerId === "" ? null : (ownerId ?? undefined),
    suppressWorkflows: formData.get("suppressWorkflows"),
  };
}
