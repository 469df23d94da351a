/**
 * Calling a workflow's webhook: POST JSON signed the Standard Webhooks way (webhook-id, webhook-timestamp,
 * webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">). The address is checked twice: the URL's
 * host (Node connects to an IP literal without any lookup), and every address a name resolves to, inside the
 * connection's own lookup, so the address checked is the address connected to (no DNS rebinding in between).
 * One deadline covers the whole call, connection to answer: a receiver that trickles bytes cannot hold a lane.
 */
import { createHmac } from "node:crypto";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { canonicalHost, isAllowlisted, isLinkLocalOrMetadata, isMetadataHost } from "@/lib/domain/workflows/webhook-address";

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

function guardedLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((entry) => isLinkLocalOrMetadata(entry.address));
      // Every address is checked, not only the first: the connection may try the others (happy eyeballs).
      if (refused) return callback(new RefusedAddress(`${hostname} resolves to ${refused.address}, a link-local or metadata address`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

// Kept-alive connections per kind of check; the lookup hook runs for every new connection.
const agents = {
  guarded: { http: new http.Agent({ keepAlive: true, maxSockets: 16, lookup: guardedLookup() }), https: new https.Agent({ keepAlive: true, maxSockets: 16, lookup: guardedLookup() }) },
  allowlisted: { http: new http.Agent({ keepAlive: true, maxSockets: 16 }), https: new https.Agent({ keepAlive: true, maxSockets: 16 }) },
};

export async function sendWebhook(request: WebhookRequest): Promise<WebhookOutcome> {
  const url = parseUrl(request.url);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return { kind: "refused", status: null, error: "Only http and https addresses can be called." };
  const host = canonicalHost(url.hostname);
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
    let isSettled = false;
    const settle = (outcome: WebhookOutcome) => {
      if (isSettled) return;
      isSettled = true;
      resolve(outcome);
    };
    const secure = url.protocol === "https:";
    const agent = agents[allowed ? "allowlisted" : "guarded"][secure ? "https" : "http"];
    const outgoing = (secure ? https : http).request(url, { method: "POST", headers, agent }, (response) => {
      // The status is the receiver's answer: a 2xx is delivered even if the body that follows is slow. The body is
      // only read (and dropped) so that the connection can be reused, and the deadline still ends that.
      settle(outcomeOf(response.statusCode ?? 0));
      response.on("error", () => {});
      response.resume();
    });
    // http.request's own `timeout` is an idle timeout, restarted by every byte; this one is not.
    const deadline = setTimeout(() => {
      settle({ kind: "retry", status: null, error: `No answer within ${request.timeoutSeconds} s.` });
      outgoing.destroy();
    }, request.timeoutSeconds * 1000);
    outgoing.on("close", () => clearTimeout(deadline));
    outgoing.on("error", (error) => settle(error instanceof RefusedAddress ? { kind: "refused", status: null, error: error.message } : { kind: "retry", status: null, error: error.message }));
    outgoing.end(request.body);
  });
}

/** URL.parse is newer than the Node versions we support. */
function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function outcomeOf(status: number): WebhookOutcome {
  if (status >= 200 && status < 300) return { kind: "delivered", status };
  if (status >= 500 || status === 408 || status === 429) return { kind: "retry", status, error: `The receiver answered ${status}.` };
  // Redirects are not followed: a redirect could lead anywhere, including where the checks above refuse.
  return { kind: "refused", status, error: `The receiver answered ${status}.` };
}
