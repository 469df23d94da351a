/**
 * Which addresses a webhook may call. Link-local addresses (169.254.0.0/16, fe80::/10, which is where cloud
 * metadata services answer) and the unspecified address are refused unless an admin allowlisted the host;
 * everything else — including private networks, where a company's own services live — is allowed.
 */
export function isLinkLocalOrMetadata(address: string): boolean {
  const v4 = address.replace(/^::ffff:/i, "");
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) {
    const [a, b] = v4.split(".").map(Number) as [number, number];
    return (a === 169 && b === 254) || a === 0;
  }
  const v6 = address.toLowerCase();
  if (v6 === "::" || v6 === "::0") return true;
  // fe80::/10 link-local; fd00:ec2::254 is AWS's IPv6 metadata address.
  return /^fe[89ab][0-9a-f]:/.test(v6) || v6 === "fd00:ec2::254";
}

/** Host names that resolve to metadata services on the big clouds. */
const METADATA_HOSTS = ["metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"];

export function isMetadataHost(host: string): boolean {
  return METADATA_HOSTS.includes(host.toLowerCase().replace(/\.$/, ""));
}

export function isAllowlisted(host: string, allowlist: readonly string[]): boolean {
  const normalised = host.toLowerCase().replace(/^\[|\]$/g, "");
  return allowlist.some((entry) => entry.trim().toLowerCase() === normalised);
}
