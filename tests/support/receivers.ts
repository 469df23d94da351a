/**
 * A real SMTP server (smtp-server) and an HTTP webhook receiver on 127.0.0.1, for the workflow tests and the
 * benchmark: they record every message and every call as it arrives, repeats included, so a test can count them.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedEmail = { messageId: string | null; to: string[]; subject: string | null; raw: string };
export type ReceivedWebhook = { id: string; timestamp: string; signatureValid: boolean | null; body: Record<string, unknown> };

function header(raw: string, name: string): string | null {
  const match = new RegExp(`^${name}:\\s*(.+)$`, "im").exec(raw.split(/\r?\n\r?\n/)[0] ?? "");
  return match?.[1]?.trim() ?? null;
}

export async function startSmtpReceiver(): Promise<{ url: string; received: ReceivedEmail[]; close(): Promise<void> }> {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({ messageId: header(raw, "Message-ID"), to: session.envelope.rcptTo.map((rcpt) => rcpt.address), subject: header(raw, "Subject"), raw });
        callback();
      });
    },
  });
  // A client killed mid-message resets its connection; that is what the crash tests do, not a receiver failure.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Checks a Standard Webhooks signature the way a receiver would. */
export function webhookSignatureValid(secret: string, id: string, timestamp: string, body: string, signatureHeader: string): boolean {
  const expected = createHmac("sha256", Buffer.from(secret)).update(`${id}.${timestamp}.${body}`).digest("base64");
  return signatureHeader.split(" ").some((part) => {
    const [version, signature] = part.split(",");
    if (version !== "v1" || !signature) return false;
    const a = Buffer.from(signature);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  });
}

export async function startWebhookReceiver(options: { secret?: string; respond?: (call: number) => number } = {}): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  let calls = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("error", () => {});
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      calls += 1;
      const status = options.respond?.(calls) ?? 204;
      const body = Buffer.concat(chunks).toString("utf8");
      const id = String(request.headers["webhook-id"] ?? "");
      const timestamp = String(request.headers["webhook-timestamp"] ?? "");
      const signature = request.headers["webhook-signature"];
      if (status >= 200 && status < 300) {
        received.push({
          id,
          timestamp,
          signatureValid: options.secret && typeof signature === "string" ? webhookSignatureValid(options.secret, id, timestamp, body, signature) : null,
          body: JSON.parse(body) as Record<string, unknown>,
        });
      }
      response.writeHead(status).end();
    });
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/crm`,
    received,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** How many times each id arrived: the ids that came more than once, and how many distinct ids there were. */
export function countRepeats(ids: readonly (string | null)[]): { distinct: number; repeated: string[] } {
  const counts = new Map<string, number>();
  for (const id of ids) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  return { distinct: counts.size, repeated: [...counts].filter(([, count]) => count > 1).map(([id]) => id) };
}
