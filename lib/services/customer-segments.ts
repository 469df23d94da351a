/**
 * A customer's own segment memberships, brought up to date at once after something about them changed that
 * rules read (contact data, tags, consent, archiving). Archived customers leave every segment here, which is
 * what lets segment counts come straight from the membership table.
 */
import { getSettings } from "@/lib/db/settings";
import { refreshAllSegments } from "./segment-refresh";

/** `suppressWorkflows`: the entries and exits this causes start no workflows (a bulk change said so). */
export async function refreshCustomerSegments(customerIds: readonly string[], now: Date = new Date(), options: { suppressWorkflows?: boolean } = {}): Promise<{ entered: number; exited: number }> {
  if (customerIds.length === 0) return { entered: 0, exited: 0 };
  const settings = await getSettings();
  const result = await refreshAllSegments({ settings: settings.values, settingsVersion: settings.version, now, customerIds, suppressWorkflows: options.suppressWorkflows });
  return { entered: result.entered, exited: result.exited };
}
