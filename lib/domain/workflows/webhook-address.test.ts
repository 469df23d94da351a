import { describe, expect, it } from "vitest";
import { canonicalHost, isAllowlisted, isLinkLocalOrMetadata, isMetadataHost, parseIpAddress } from "./webhook-address";

/** The host a webhook URL really names, as the sender reads it from `new URL(...)`. */
const hostOf = (url: string) => new URL(url).hostname;

describe("webhook addresses", () => {
  it.each([
    // Link-local IPv4 and the unspecified network.
    ["169.254.169.254", true],
    ["169.254.0.1", true],
    ["169.254.255.255", true],
    ["169.254.170.2", true],
    ["0.0.0.0", true],
    ["0.1.2.3", true],
    // Metadata addresses outside link-local.
    ["100.100.100.200", true],
    ["192.0.0.192", true],
    ["168.63.129.16", true],
    ["fd00:ec2::254", true],
    ["fd20:ce::254", true],
    ["FD20:00CE:0:0:0:0:0:0254", true],
    // Link-local IPv6, zone ids too.
    ["fe80::1", true],
    ["febf:ffff::1", true],
    ["fe80::1%eth0", true],
    ["::", true],
    // 169.254.169.254 inside IPv6: mapped, translated, compatible, NAT64 well-known and local-use prefixes.
    ["::ffff:169.254.169.254", true],
    ["::ffff:a9fe:a9fe", true],
    ["0:0:0:0:0:ffff:a9fe:a9fe", true],
    ["::ffff:0:a9fe:a9fe", true],
    ["::a9fe:a9fe", true],
    ["::169.254.169.254", true],
    ["64:ff9b::a9fe:a9fe", true],
    ["64:ff9b::169.254.169.254", true],
    ["64:ff9b::a9fe:1", true],
    ["64:ff9b::6464:64c8", true],
    ["64:ff9b:1::a9fe:a9fe", true],
    ["64:ff9b:1:a9fe:a9:fe00::", true],
    ["[::ffff:a9fe:a9fe]", true],
    // Allowed: loopback, private networks, public addresses, names, and embeddings of allowed IPv4.
    ["127.0.0.1", false],
    ["::1", false],
    ["::ffff:127.0.0.1", false],
    ["10.1.2.3", false],
    ["192.168.1.10", false],
    ["172.16.0.1", false],
    ["100.64.0.1", false],
    ["100.100.100.201", false],
    ["192.0.0.193", false],
    ["93.184.216.34", false],
    ["64:ff9b::5db8:d822", false],
    ["fd00::1", false],
    ["fd00:ec2::253", false],
    ["fec0::1", false],
    ["2001:db8::1", false],
    ["shop.example.com", false],
  ])("%s is link-local or metadata: %s", (address, expected) => {
    expect(isLinkLocalOrMetadata(address)).toBe(expected);
  });

  // What the sender checks is the URL's hostname; WHATWG URLs turn every legacy IPv4 spelling into dotted decimal.
  it.each([
    ["http://[::ffff:169.254.169.254]/", "[::ffff:a9fe:a9fe]"],
    ["http://[64:ff9b::169.254.169.254]/", "[64:ff9b::a9fe:a9fe]"],
    ["http://[::169.254.169.254]/", "[::a9fe:a9fe]"],
    ["http://[fd20:ce::254]/", "[fd20:ce::254]"],
    ["http://[fd00:ec2::254]/latest/meta-data", "[fd00:ec2::254]"],
    ["http://2852039166/", "169.254.169.254"],
    ["http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254"],
    ["http://0251.0376.0251.0376/", "169.254.169.254"],
    ["http://0xa9fea9fe/", "169.254.169.254"],
    ["http://169.254.43518/", "169.254.169.254"],
    ["http://169.254.169.254./", "169.254.169.254"],
    ["http://0/", "0.0.0.0"],
    ["http://100.100.100.200/", "100.100.100.200"],
    ["http://192.0.0.192/", "192.0.0.192"],
  ])("%s names %s, which is refused", (url, hostname) => {
    expect(hostOf(url)).toBe(hostname);
    expect(isLinkLocalOrMetadata(hostOf(url))).toBe(true);
  });

  it("reads the legacy IPv4 spellings itself when given a bare host", () => {
    for (const host of ["2852039166", "0xa9.0xfe.0xa9.0xfe", "0251.0376.0251.0376", "0xA9FEA9FE", "169.254.43518"]) {
      expect(canonicalHost(host)).toBe("169.254.169.254");
      expect(isLinkLocalOrMetadata(host)).toBe(true);
    }
    expect(canonicalHost("[FE80::0001]")).toBe("fe80::1");
  });

  it("parses addresses to their 16 bytes and refuses what is not one", () => {
    const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 169, 254, 169, 254];
    expect([...parseIpAddress("169.254.169.254")!]).toEqual(mapped);
    expect([...parseIpAddress("::ffff:a9fe:a9fe")!]).toEqual(mapped);
    expect([...parseIpAddress("1:2:3:4:5:6:7:8")!]).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    for (const bad of ["", "shop.example.com", "1.2.3", "1.2.3.256", "01.2.3.4", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "12345::", "1.2.3.4::", "g::1", ":::"]) {
      expect(parseIpAddress(bad), bad).toBeNull();
    }
  });

  it("knows the cloud metadata host names", () => {
    expect(isMetadataHost("metadata.google.internal.")).toBe(true);
    expect(isMetadataHost("METADATA")).toBe(true);
    expect(isMetadataHost("instance-data.ec2.internal")).toBe(true);
    expect(isMetadataHost("shop.example.com")).toBe(false);
  });

  it("honours the admin's allowlist in any spelling of the same host", () => {
    expect(isAllowlisted("169.254.169.254", [" 169.254.169.254 "])).toBe(true);
    expect(isAllowlisted("[fe80::1]", ["fe80::1"])).toBe(true);
    expect(isAllowlisted(hostOf("http://0xa9fea9fe/"), ["169.254.169.254"])).toBe(true);
    expect(isAllowlisted(hostOf("http://[::ffff:169.254.169.254]/"), ["::FFFF:169.254.169.254"])).toBe(true);
    expect(isAllowlisted("Metadata.Google.Internal", ["metadata.google.internal"])).toBe(true);
    expect(isAllowlisted("169.254.169.254", ["169.254.169.25"])).toBe(false);
    expect(isAllowlisted("169.254.169.254", [])).toBe(false);
  });
});
