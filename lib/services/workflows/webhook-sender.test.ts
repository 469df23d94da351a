/**
 * The webhook sender against real sockets on 127.0.0.1. Host names are resolved by a lookup table this test
 * controls (dns.lookup replaced), which is how a name that points at a metadata address is simulated.
 */
import dns from "node:dns";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sendWebhook, type WebhookRequest } from "./webhook-sender";

const HOSTS: Record<string, dns.LookupAddress[]> = {
  "receiver.test": [{ address: "127.0.0.1", family: 4 }],
  // A name whose answers include a link-local address among good ones (or a rebinding resolver's second answer).
  "rebinding.test": [
    { address: "127.0.0.1", family: 4 },
    { address: "169.254.169.254", family: 4 },
  ],
  "nat64.test": [{ address: "64:ff9b::a9fe:a9fe", family: 6 }],
  "alibaba.test": [{ address: "100.100.100.200", family: 4 }],
  "gcp6.test": [{ address: "fd20:ce::254", family: 6 }],
  "metadata.google.internal": [{ address: "127.0.0.1", family: 4 }],
};

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
function fakeLookup(hostname: string, options: dns.LookupOptions | LookupCallback, callback?: LookupCallback) {
  const done = (typeof options === "function" ? options : callback)!;
  const all = typeof options === "object" && options.all;
  // Servers listening on 127.0.0.1 look their address up too.
  const answers = net.isIP(hostname) ? [{ address: hostname, family: net.isIP(hostname) }] : HOSTS[hostname];
  if (!answers) return process.nextTick(() => done(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), ""));
  process.nextTick(() => (all ? done(null, answers) : done(null, answers[0]!.address, answers[0]!.family)));
}

let receiver: http.Server;
let port: number;
let calls = 0;

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    calls += 1;
    request.resume();
    request.on("end", () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  port = (receiver.address() as AddressInfo).port;
  vi.spyOn(dns, "lookup").mockImplementation(fakeLookup as unknown as typeof dns.lookup);
});

afterAll(async () => {
  vi.restoreAllMocks();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

afterEach(() => {
  calls = 0;
});

const call = (url: string, overrides: Partial<WebhookRequest> = {}) =>
  sendWebhook({ url, deliveryId: "5b7c1a52-6b0e-5c57-9d3b-2f1f0e7b8a11", body: "{}", secret: "s3cret", timeoutSeconds: 5, allowlist: [], now: new Date(), ...overrides });

describe("webhook sender: addresses", () => {
  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[::a9fe:a9fe]/",
    "http://[fd20:ce::254]/",
    "http://[fd00:ec2::254]/",
    "http://[fe80::1]/",
    "http://100.100.100.200/",
    "http://192.0.0.192/",
    "http://2852039166/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://0251.0376.0251.0376/",
    "http://0/",
  ])("refuses %s before connecting", async (url) => {
    // The literal's own check: Node connects to an IP address without any lookup to hook into.
    expect(await call(url)).toMatchObject({ kind: "refused", status: null, error: expect.stringMatching(/is a link-local or metadata address; an admin can allowlist it\.$/) });
  });

  it("refuses other schemes and addresses that are not URLs", async () => {
    expect(await call("ftp://receiver.test/")).toMatchObject({ kind: "refused" });
    expect(await call("not a url")).toMatchObject({ kind: "refused" });
  });

  it("checks every address a name resolves to, at connect time", async () => {
    expect(await call(`http://receiver.test:${port}/hooks`)).toEqual({ kind: "delivered", status: 204 });
    expect(calls).toBe(1);
    for (const name of ["rebinding.test", "nat64.test", "alibaba.test", "gcp6.test"]) {
      const outcome = await call(`http://${name}:${port}/hooks`);
      expect(outcome, name).toMatchObject({ kind: "refused", status: null });
      expect(outcome.kind === "refused" && outcome.error).toMatch(/resolves to .*link-local or metadata/);
    }
    expect(calls).toBe(1);
  });

  it("lets the admin's allowlist override the refusal", async () => {
    expect(await call(`http://metadata.google.internal:${port}/`)).toMatchObject({ kind: "refused" });
    expect(await call(`http://metadata.google.internal:${port}/`, { allowlist: ["Metadata.Google.Internal"] })).toEqual({ kind: "delivered", status: 204 });
    expect(await call(`http://rebinding.test:${port}/`, { allowlist: ["rebinding.test"] })).toEqual({ kind: "delivered", status: 204 });
    expect(calls).toBe(2);
  });

  it("keeps loopback and private addresses allowed", async () => {
    expect(await call(`http://127.0.0.1:${port}/`)).toEqual({ kind: "delivered", status: 204 });
    HOSTS["private.test"] = [{ address: "127.0.0.1", family: 4 }, { address: "10.0.0.7", family: 4 }];
    expect(await call(`http://private.test:${port}/`)).toEqual({ kind: "delivered", status: 204 });
  });
});

/** A raw TCP server that sends `prefix` and then one byte every 100 ms, never finishing; notes when the client hangs up. */
async function tricklingServer(prefix: string): Promise<{ port: number; closedAfterMs: Promise<number>; close(): Promise<void> }> {
  let hungUp!: (ms: number) => void;
  const closedAfterMs = new Promise<number>((resolve) => (hungUp = resolve));
  const server = net.createServer((socket) => {
    const started = Date.now();
    socket.on("error", () => {});
    socket.once("data", () => {
      socket.write(prefix);
      const timer = setInterval(() => socket.write("x"), 100);
      socket.on("close", () => (clearInterval(timer), hungUp(Date.now() - started)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, closedAfterMs, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("webhook sender: one deadline for the whole call", () => {
  it("gives up on a receiver that trickles its answer a byte at a time", { timeout: 8_000 }, async () => {
    // The status line arrives, then one header a byte at a time: the headers never end.
    const server = await tricklingServer("HTTP/1.1 200 OK\r\nX-Slow: ");
    const started = Date.now();
    const outcome = await call(`http://127.0.0.1:${server.port}/`, { timeoutSeconds: 1 });
    const elapsed = Date.now() - started;
    expect(outcome).toEqual({ kind: "retry", status: null, error: "No answer within 1 s." });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2_500);
    expect(await server.closedAfterMs).toBeLessThan(2_500);
    await server.close();
  });

  it("takes a 2xx status as delivered and still ends a body that never finishes at the deadline", { timeout: 8_000 }, async () => {
    const server = await tricklingServer("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
    const started = Date.now();
    expect(await call(`http://127.0.0.1:${server.port}/`, { timeoutSeconds: 1 })).toEqual({ kind: "delivered", status: 200 });
    expect(Date.now() - started).toBeLessThan(900);
    const closedAfter = await server.closedAfterMs;
    expect(closedAfter).toBeGreaterThanOrEqual(950);
    expect(closedAfter).toBeLessThan(2_500);
    await server.close();
  });
});
