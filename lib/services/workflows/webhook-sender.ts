/**
 * Calling a workflow's webhook: POST JSON signed the Standard Webhooks way (webhook-id, webhook-timestamp,
 * webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">). The address check runs on the address
 * the connection really uses (a lookup hook), so a name that resolves to a metadata address is refused too.
 */
import { createHmac } from "node:crypto";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isAllowlisted, isLinkLocalOrMetadata, isMetadataHost } from "@/lib/domain/workflows/webhook-address";

export type WebhookRequest = { url: string; deliveryId: string; body: string; secret: string | null; timeoutSeconds: number; allowlist: readonly string[]; now: Date };

export type WebhookOutcome =
  | { kind: "delivered"; status: number }
  /** Worth another try later: a network error, a timeout, 5xx, 408 or 429. */
  | { kind: "retry"; status: number | null; error: string }
  /** Trying again will not help: the address is refused, or the receiver answered 4xx. */
  | { kind: "refused"; status: number | null; error: string };

export function signWebhook(secret: string, deliveryId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, secret.startsWith("whsec_") ? "base64" : "utf8");
  return `v1,${createHmac("sha256", key).update(`${deliveryId}.${timestampSeconds}.${body}`).digest("base64")}`;
}

class RefusedAddress extends Error {}

function guardedLookup(allowed: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const refused = !allowed && list.find((entry) => isLinkLocalOrMetadata(entry.address));
      if (refused) return callback(new RefusedAddress(`${hostname} resolves to ${refused.address}, a link-local or metadata address`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

// Kept-alive connections per kind of check; the lookup hook runs for every new connection.
const agents = {
  guarded: { http: new http.Agent({ keepAlive: true, maxSockets: 16, lookup: guardedLookup(false) }), https: new https.Agent({ keepAlive: true, maxSockets: 16, lookup: guardedLookup(false) }) },
  allowlisted: { http: new http.Agent({ keepAlive: true, maxSockets: 16 }), https: new https.Agent({ keepAlive: true, maxSockets: 16 }) },
};

export async function sendWebhook(request: WebhookRequest): Promise<WebhookOutcome> {
  const url = new URL(request.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") return { kind: "refused", status: null, error: "Only http and https addresses can be called." };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const allowed = isAllowlisted(host, request.allowlist);
  if (!allowed && (isMetadataHost(host) || isLinkLocalOrMetadata(host))) {
    return { kind: "refused", status: null, error: `${host} is a link-local or metadata address; an admin can allowlist it.` };
  }
  const timestamp = Math.floor(request.now.getTime() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "crm-workflows/1",
    "webhook-id": request.deliveryId,
    "webhook-timestamp": String(timestamp),
    "content-length": String(Buffer.byteLength(request.body)),
  };
  if (request.secret) headers["webhook-signature"] = signWebhook(request.secret, request.deliveryId, timestamp, request.body);

  return new Promise<WebhookOutcome>((resolve) => {
    const secure = url.protocol === "https:";
    const agent = agents[allowed ? "allowlisted" : "guarded"][secure ? "https" : "http"];
    const outgoing = (secure ? https : http).request(url, { method: "POST", headers, agent, timeout: request.timeoutSeconds * 1000 }, (response) => {
      response.resume();
      response.on("end", () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ kind: "delivered", status });
        else if (status >= 500 || status === 408 || status === 429) resolve({ kind: "retry", status, error: `The receiver answered ${status}.` });
        // Redirects are not followed: a redirect could lead anywhere, including where the check above refuses.
        else resolve({ kind: "refused", status, error: `The receiver answered ${status}.` });
      });
      response.on("error", (error) => resolve({ kind: "retry", status: null, error: error.message }));
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error(`No answer within ${request.timeoutSeconds} s.`)));
    outgoing.on("error", (error) => resolve(error instanceof RefusedAddress ? { kind: "refused", status: null, error: error.message } : { kind: "retry", status: null, error: error.message }));
    outgoing.end(request.body);
  });
}
