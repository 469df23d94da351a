"use server";

/**
 * The webhook allowlist (admins, webhook:allowlist): hosts webhooks may call even though they are link-local or
 * cloud metadata addresses. Host names and IP addresses are checked and stored as the webhook sender compares
 * them (lower case, IPv6 without brackets and in its shortest form).
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { allowWebhookHost, disallowWebhookHost } from "@/lib/db/workflows";

function normaliseHost(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const host = value.trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (!host.includes(":")) return host;
  try {
    // The URL parser writes IPv6 addresses the way the webhook sender will see them.
    return new URL(`http://[${host}]/`).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return host;
  }
}

const WebhookHostSchema = z.preprocess(
  normaliseHost,
  z
    .union([z.ipv4(), z.ipv6(), z.hostname().max(253)], { error: "webhookHostInvalid" })
    // All-digit labels are only an IPv4 address (1.2.3.999 is neither a name nor an address).
    .refine((host) => !/^[\d.]+$/.test(host) || z.ipv4().safeParse(host).success, { error: "webhookHostInvalid" }),
);

function hostError(formData: FormData): ActionState {
  return { status: "error", message: "errors.invalidInput", fieldErrors: { host: ["webhookHostInvalid"] }, values: { host: String(formData.get("host") ?? "") } };
}

export async function allowWebhookHostAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("webhook:allowlist");
    const host = WebhookHostSchema.safeParse(formData.get("host"));
    if (!host.success) return hostError(formData);
    await allowWebhookHost(host.data, user.id);
    revalidatePath("/workflows/webhook-hosts");
    return { status: "success", message: "workflowRuns.hosts.added", id: host.data };
  } catch (error) {
    return actionFailed(error, formData);
  }
}

export async function disallowWebhookHostAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("webhook:allowlist");
    const host = z.string().trim().min(1).max(253).safeParse(formData.get("host"));
    if (!host.success) return hostError(formData);
    await disallowWebhookHost(host.data, user.id);
    revalidatePath("/workflows/webhook-hosts");
    return { status: "success", message: "workflowRuns.hosts.removed", id: host.data };
  } catch (error) {
    return actionFailed(error, formData);
  }
}
