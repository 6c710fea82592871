import { describe, expect, it } from "vitest";
import { assertUrlAllowed, classifyAddress, RequestGuardError, type TLookup } from "./request-guard";

const dns: Record<string, string[]> = {
  "api.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "internal.example.com": ["10.1.2.3"],
  "mixed.example.com": ["93.184.216.34", "192.168.1.10"],
  "rebind.example.com": ["::ffff:127.0.0.1"],
  "svc.corp.example": ["10.9.9.9"],
  "empty.example.com": [],
};

const lookup: TLookup = async (hostname) => {
  const addresses = dns[hostname];
  if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

async function refusal(url: string, allowHosts: string[] = []): Promise<RequestGuardError> {
  try {
    await assertUrlAllowed(url, { allowHosts, lookup });
  } catch (error) {
    if (error instanceof RequestGuardError) return error;
    throw error;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.1.2", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["fc00::1", "private"],
    ["fdff:ffff::1", "private"],
    ["169.254.1.1", "link_local"],
    ["fe80::1", "link_local"],
    ["fe80::1%eth0", "link_local"],
    ["febf::1", "link_local"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["169.254.169.254", "cloud_metadata"],
    ["fd00:ec2::254", "cloud_metadata"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "cloud_metadata"],
    ["::ffff:10.0.0.1", "private"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:c0a8:0101::1", "private"],
    ["2001:db8::1", "reserved"],
  ])("%s is %s", (address, reason) => {
    expect(classifyAddress(address)).toBe(reason);
  });

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "169.253.255.255",
    "2606:2800:220:1:248:1893:25c8:1946",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
    "2002:0808:0808::1",
    "2a00:1450::1",
  ])("%s is public", (address) => {
    expect(classifyAddress(address)).toBeNull();
  });
});

describe("assertUrlAllowed", () => {
  it("returns the resolved addresses of a public host for pinning", async () => {
    const result = await assertUrlAllowed("https://api.example.com/v1/items?x=1", { lookup });
    expect(result).toMatchObject({ hostname: "api.example.com", port: 443 });
    expect(result.addresses).toEqual([
      { address: "93.184.216.34", family: 4 },
      { address: "2606:2800:220:1:248:1893:25c8:1946", family: 6 },
    ]);
  });

  it("does not look up IP literals", async () => {
    const failingLookup: TLookup = async () => {
      throw new Error("must not be called");
    };
    const result = await assertUrlAllowed("http://8.8.8.8:8080/", { lookup: failingLookup });
    expect(result).toMatchObject({ hostname: "8.8.8.8", port: 8080, addresses: [{ address: "8.8.8.8", family: 4 }] });
  });

  it.each([
    ["http://127.0.0.1/", "loopback", "127.0.0.1"],
    ["http://[::1]:3000/", "loopback", "::1"],
    ["http://[::ffff:127.0.0.1]/", "loopback", "::ffff:7f00:1"],
    ["http://2130706433/", "loopback", "127.0.0.1"],
    ["http://0x7f.1/", "loopback", "127.0.0.1"],
    ["http://localhost:3000/", "loopback", "localhost"],
    ["http://app.localhost/", "loopback", "app.localhost"],
    ["http://169.254.169.254/latest/meta-data/", "cloud_metadata", "169.254.169.254"],
    ["http://metadata.google.internal/computeMetadata/v1/", "cloud_metadata", "metadata.google.internal"],
    ["http://METADATA.GOOGLE.INTERNAL./", "cloud_metadata", "metadata.google.internal"],
    ["http://[fd00:ec2::254]/", "cloud_metadata", "fd00:ec2::254"],
    ["https://internal.example.com/", "private", "internal.example.com"],
    ["https://mixed.example.com/", "private", "mixed.example.com"],
    ["https://rebind.example.com/", "loopback", "rebind.example.com"],
    ["http://0.0.0.0:8080/", "unspecified", "0.0.0.0"],
    ["http://100.100.100.200/", "cgnat", "100.100.100.200"],
    ["ftp://api.example.com/", "unsupported_protocol", "api.example.com"],
    ["file:///etc/passwd", "unsupported_protocol", ""],
    ["not a url", "invalid_url", ""],
    ["https://nowhere.example.com/", "dns_failure", "nowhere.example.com"],
    ["https://empty.example.com/", "dns_failure", "empty.example.com"],
  ])("refuses %s (%s)", async (url, reason, host) => {
    const error = await refusal(url);
    expect(error).toMatchObject({ reason, host, code: "request_blocked" });
    if (host) expect(error.message).toContain(host);
  });

  it("names the refused address when it came from DNS", async () => {
    const error = await refusal("https://mixed.example.com/");
    expect(error.address).toBe("192.168.1.10");
    expect(error.message).toBe(
      "Requests to mixed.example.com (192.168.1.10) are not allowed: it is a private network address",
    );
  });

  it.each([
    ["host", "https://internal.example.com/", ["internal.example.com"]],
    ["host with the default port", "https://internal.example.com/", ["internal.example.com:443"]],
    ["host:port", "http://127.0.0.1:8080/x", ["127.0.0.1:8080"]],
    ["wildcard", "https://svc.corp.example/", ["*.corp.example"]],
    ["bracketed IPv6", "http://[::1]:9000/", ["[::1]:9000"]],
    ["IPv6 in another spelling", "http://[0:0:0:0:0:0:0:1]/", ["::1"]],
    ["case and spaces", "http://localhost:3000/", [" LocalHost:3000 "]],
  ])("allows an allow-listed %s", async (_name, url, allowHosts) => {
    const result = await assertUrlAllowed(url, { allowHosts, lookup: async () => [{ address: "127.0.0.1", family: 4 }] });
    expect(result.addresses.length).toBeGreaterThan(0);
  });

  it.each([
    ["another port", "http://127.0.0.1:9090/", ["127.0.0.1:8080"]],
    ["another host", "https://internal.example.com/", ["api.example.com"]],
    ["a wildcard does not match the bare domain", "http://corp.example/", ["*.corp.example"]],
  ])("still refuses %s", async (_name, url, allowHosts) => {
    const lookupPrivate: TLookup = async () => [{ address: "10.0.0.1", family: 4 }];
    await expect(assertUrlAllowed(url, { allowHosts, lookup: lookupPrivate })).rejects.toBeInstanceOf(RequestGuardError);
  });
});
