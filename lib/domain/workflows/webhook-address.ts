/**
 * Which addresses a webhook may call. Link-local addresses (169.254.0.0/16, fe80::/10, where the cloud metadata
 * services answer), the clouds' other metadata addresses and the unspecified network are refused unless an admin
 * allowlisted the host; everything else — loopback and private networks included, where a company's own services
 * live — is allowed.
 *
 * Addresses are compared as their 16 bytes, not as text: an IPv4 address can hide inside an IPv6 one
 * (`[::ffff:a9fe:a9fe]` is 169.254.169.254, and so are its NAT64 and IPv4-compatible forms), and WHATWG URLs
 * rewrite hosts such as `2852039166` or `0xa9.0xfe.0xa9.0xfe` into dotted decimal before anything connects.
 */

type Ipv4 = readonly [number, number, number, number];

/** Single IPv4 addresses of metadata services outside 169.254.0.0/16. */
const METADATA_IPV4 = [
  "100.100.100.200", // Alibaba Cloud
  "192.0.0.192", // Oracle Cloud
  "168.63.129.16", // Azure's WireServer (platform configuration, extension settings)
];

/** IPv6 metadata addresses (not link-local, so they need naming). */
const METADATA_IPV6 = [
  "fd00:ec2::254", // AWS
  "fd20:ce::254", // Google Cloud
];

/** Host names that resolve to metadata services on the big clouds. */
const METADATA_HOSTS = ["metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"];

/**
 * The host as a WHATWG URL writes it, without brackets: numeric IPv4 forms become dotted decimal and IPv6 is
 * compressed and lower-cased. A host the URL parser refuses (an IPv6 zone id) comes back trimmed and lower-cased.
 */
export function canonicalHost(host: string): string {
  const bare = host.trim().replace(/^\[(.*)\]$/, "$1");
  try {
    return new URL(`http://${bare.includes(":") ? `[${bare}]` : bare}/`).hostname.replace(/^\[(.*)\]$/, "$1");
  } catch {
    return bare.toLowerCase();
  }
}

function parseIpv4(text: string): Ipv4 | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part))) return null;
  const numbers = parts.map(Number);
  return numbers.every((n) => n <= 255) ? (numbers as unknown as Ipv4) : null;
}

/** The 16 bytes of an IPv4 (as ::ffff:a.b.c.d) or IPv6 address in its usual text forms; null for anything else. */
export function parseIpAddress(text: string): Uint8Array | null {
  const address = text.replace(/%.*$/, "");
  const v4 = parseIpv4(address);
  if (v4) return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]);
  if (!address.includes(":")) return null;
  const halves = address.split("::");
  if (halves.length > 2) return null;
  // Only the address's last 32 bits may be written as dotted IPv4.
  const groupsOf = (half: string, isEnd: boolean): number[] | null => {
    if (half === "") return [];
    const groups: number[] = [];
    const pieces = half.split(":");
    for (const [index, piece] of pieces.entries()) {
      const embedded = isEnd && index === pieces.length - 1 ? parseIpv4(piece) : null;
      if (embedded) groups.push((embedded[0] << 8) | embedded[1], (embedded[2] << 8) | embedded[3]);
      else if (/^[0-9a-f]{1,4}$/i.test(piece)) groups.push(parseInt(piece, 16));
      else return null;
    }
    return groups;
  };
  const head = groupsOf(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1]!, true) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return Uint8Array.from(groups.flatMap((group) => [group >> 8, group & 0xff]));
}

function isRefusedIpv4([a, b]: Ipv4, text: string): boolean {
  // 0.0.0.0/8 reaches the machine itself on Linux; 169.254.0.0/16 is link-local (AWS, GCP, Azure metadata, ECS).
  return a === 0 || (a === 169 && b === 254) || METADATA_IPV4.includes(text);
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((value, index) => bytes[index] === value);
const pick = (bytes: Uint8Array, indexes: readonly number[]) => indexes.map((index) => bytes[index]!) as unknown as Ipv4;

/**
 * The IPv4 addresses an IPv6 address may carry: mapped (::ffff:0:0/96), translated (::ffff:0:0:0/96),
 * compatible (::/96), and NAT64 (64:ff9b::/96, and 64:ff9b:1::/48 in each RFC 6052 layout a network may use).
 */
function embeddedIpv4(bytes: Uint8Array): Ipv4[] {
  const zeros = (count: number) => Array<number>(count).fill(0);
  const last = pick(bytes, [12, 13, 14, 15]);
  if (startsWith(bytes, [...zeros(10), 0xff, 0xff]) || startsWith(bytes, [...zeros(8), 0xff, 0xff, 0, 0]) || startsWith(bytes, zeros(12))) return [last];
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b, ...zeros(8)])) return [last];
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b, 0, 1])) {
    return [pick(bytes, [6, 7, 9, 10]), pick(bytes, [7, 9, 10, 11]), pick(bytes, [9, 10, 11, 12]), last];
  }
  return [];
}

/** True for an address (or host) that a webhook must not call without the admin's allowlist. Names are false. */
export function isLinkLocalOrMetadata(hostOrAddress: string): boolean {
  const host = canonicalHost(hostOrAddress);
  const bytes = parseIpAddress(host);
  if (!bytes) return false;
  // ::1 is loopback, allowed like 127.0.0.1, even though it looks like an IPv4-compatible 0.0.0.1.
  if (startsWith(bytes, [...Array<number>(15).fill(0), 1])) return false;
  if (embeddedIpv4(bytes).some((v4) => isRefusedIpv4(v4, v4.join(".")))) return true;
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return true; // fe80::/10
  return METADATA_IPV6.some((metadata) => parseIpAddress(metadata)!.every((byte, index) => byte === bytes[index]));
}

export function isMetadataHost(host: string): boolean {
  return METADATA_HOSTS.includes(canonicalHost(host).replace(/\.$/, ""));
}

export function isAllowlisted(host: string, allowlist: readonly string[]): boolean {
  const normalised = canonicalHost(host);
  return allowlist.some((entry) => canonicalHost(entry) === normalised);
}
