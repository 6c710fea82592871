// Stops Request steps from reaching the network Switchyard itself runs in (SSRF): loopback, private and
// link-local ranges, cloud metadata services. The hostname is resolved here and every address it resolves
// to is checked; the caller must connect to one of the returned addresses (pin it) so that a second DNS
// answer cannot swap in an internal address after the check (DNS rebinding).
// Server-side by nature, but without "server-only" so that tests and the worker can load it.
import { lookup as dnsLookup } from "node:dns/promises";
import { isIPv4, isIPv6 } from "node:net";

export type TBlockReason =
  | "loopback"
  | "private"
  | "link_local"
  | "cgnat"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "cloud_metadata";

export type TRequestGuardReason = TBlockReason | "invalid_url" | "unsupported_protocol" | "dns_failure";

export class RequestGuardError extends Error {
  readonly code = "request_blocked";
  readonly host: string;
  readonly reason: TRequestGuardReason;
  /** The resolved address that was refused, when the refusal came from one. */
  readonly address?: string;

  constructor(message: string, details: { host: string; reason: TRequestGuardReason; address?: string }) {
    super(message);
    this.name = "RequestGuardError";
    this.host = details.host;
    this.reason = details.reason;
    this.address = details.address;
  }
}

export type TResolvedAddress = { address: string; family: 4 | 6 };
export type TLookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

export type TAllowedUrl = { url: URL; hostname: string; port: number; addresses: TResolvedAddress[] };

const REASON_TEXT: Record<TBlockReason, string> = {
  loopback: "a loopback address",
  private: "a private network address",
  link_local: "a link-local address",
  cgnat: "a carrier-grade NAT address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  reserved: "a reserved address",
  cloud_metadata: "a cloud metadata service",
};

const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata"]);

const defaultLookup: TLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Checks that a Request step may call `url` and returns the addresses to connect to.
 * `allowHosts` entries ("host", "host:port", "[v6]:port", "*.domain") let builders reach internal services
 * on purpose; they match the URL's host as written, not the addresses it resolves to.
 */
export async function assertUrlAllowed(
  url: string | URL,
  options: { allowHosts?: readonly string[]; lookup?: TLookup } = {},
): Promise<TAllowedUrl> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RequestGuardError(`Not a valid URL: ${String(url)}`, { host: "", reason: "invalid_url" });
  }
  const hostname = normalizeHost(parsed.hostname);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new RequestGuardError(`Refusing ${parsed.protocol}//${hostname}: only http and https URLs are allowed`, {
      host: hostname,
      reason: "unsupported_protocol",
    });
  }
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === "https:" ? 443 : 80;
  const allowed = (options.allowHosts ?? []).some((entry) => matchesAllowEntry(entry, hostname, port));

  if (!allowed) {
    const nameReason = classifyHostname(hostname);
    if (nameReason) throw blocked(hostname, nameReason);
  }
  const addresses = await resolveHost(hostname, options.lookup ?? defaultLookup);
  if (!allowed) {
    for (const { address } of addresses) {
      const reason = classifyAddress(address);
      if (reason) throw blocked(hostname, reason, address);
    }
  }
  return { url: parsed, hostname, port, addresses };
}

function blocked(host: string, reason: TBlockReason, address?: string): RequestGuardError {
  const via = address && address !== host ? ` (${address})` : "";
  return new RequestGuardError(`Requests to ${host}${via} are not allowed: it is ${REASON_TEXT[reason]}`, {
    host,
    reason,
    address,
  });
}

function normalizeHost(host: string): string {
  const lower = host.toLowerCase().replace(/\.$/, "");
  return lower.startsWith("[") && lower.endsWith("]") ? lower.slice(1, -1) : lower;
}

function matchesAllowEntry(entry: string, hostname: string, port: number): boolean {
  const trimmed = entry.trim().toLowerCase();
  let host = trimmed;
  let entryPort: number | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  const hostPort = /^([^:]+):(\d+)$/.exec(trimmed);
  if (bracketed) [host, entryPort] = [bracketed[1], bracketed[2] ? Number(bracketed[2]) : null];
  else if (hostPort) [host, entryPort] = [hostPort[1], Number(hostPort[2])];
  host = normalizeHost(host);
  if (entryPort !== null && entryPort !== port) return false;
  if (host.startsWith("*.")) return hostname.endsWith(host.slice(1));
  if (isIPv6(host) && isIPv6(hostname)) return sameBytes(parseIPv6(host), parseIPv6(hostname));
  return host === hostname;
}

function classifyHostname(hostname: string): TBlockReason | null {
  if (METADATA_HOSTS.has(hostname)) return "cloud_metadata";
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return "loopback";
  return null;
}

async function resolveHost(hostname: string, lookup: TLookup): Promise<TResolvedAddress[]> {
  if (isIPv4(hostname)) return [{ address: hostname, family: 4 }];
  if (isIPv6(hostname)) return [{ address: hostname, family: 6 }];
  let results: { address: string; family: number }[];
  try {
    results = await lookup(hostname);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new RequestGuardError(`Could not resolve ${hostname}: ${detail}`, { host: hostname, reason: "dns_failure" });
  }
  if (results.length === 0) {
    throw new RequestGuardError(`${hostname} has no addresses`, { host: hostname, reason: "dns_failure" });
  }
  return results.map(({ address }) => ({ address, family: isIPv4(address) ? 4 : 6 }));
}

// ------------------------------------------------------------------------------------- address ranges

type TRange = { prefix: number[]; bits: number; reason: TBlockReason };

const V4_RANGES: TRange[] = [
  { prefix: [169, 254, 169, 254], bits: 32, reason: "cloud_metadata" },
  { prefix: [0], bits: 8, reason: "unspecified" },
  { prefix: [127], bits: 8, reason: "loopback" },
  { prefix: [10], bits: 8, reason: "private" },
  { prefix: [172, 16], bits: 12, reason: "private" },
  { prefix: [192, 168], bits: 16, reason: "private" },
  { prefix: [100, 64], bits: 10, reason: "cgnat" },
  { prefix: [169, 254], bits: 16, reason: "link_local" },
  { prefix: [192, 0, 0], bits: 24, reason: "reserved" },
  { prefix: [192, 0, 2], bits: 24, reason: "reserved" },
  { prefix: [198, 18], bits: 15, reason: "reserved" },
  { prefix: [198, 51, 100], bits: 24, reason: "reserved" },
  { prefix: [203, 0, 113], bits: 24, reason: "reserved" },
  { prefix: [224], bits: 4, reason: "multicast" },
  { prefix: [240], bits: 4, reason: "reserved" },
];

const V6_RANGES: TRange[] = [
  { prefix: [0xfd, 0, 0x0e, 0xc2, ...Array(10).fill(0), 0x02, 0x54], bits: 128, reason: "cloud_metadata" }, // fd00:ec2::254
  { prefix: Array(16).fill(0), bits: 128, reason: "unspecified" },
  { prefix: [...Array(15).fill(0), 1], bits: 128, reason: "loopback" },
  { prefix: [0xfc], bits: 7, reason: "private" },
  { prefix: [0xfe, 0x80], bits: 10, reason: "link_local" },
  { prefix: [0xfe, 0xc0], bits: 10, reason: "reserved" },
  { prefix: [0xff], bits: 8, reason: "multicast" },
  { prefix: [0, 0x64, 0xff, 0x9b, 0, 1], bits: 48, reason: "reserved" },
  { prefix: [0x01, 0x00, 0, 0, 0, 0, 0, 0], bits: 64, reason: "reserved" },
  { prefix: [0x20, 0x01, 0x0d, 0xb8], bits: 32, reason: "reserved" },
];

// IPv6 forms that carry an IPv4 address, which is what the connection really reaches.
const V6_EMBEDDING_V4: { prefix: number[]; bits: number; offset: number }[] = [
  { prefix: [...Array(10).fill(0), 0xff, 0xff], bits: 96, offset: 12 }, // ::ffff:a.b.c.d (IPv4-mapped)
  { prefix: Array(12).fill(0), bits: 96, offset: 12 }, // ::a.b.c.d (IPv4-compatible, deprecated)
  { prefix: [0, 0x64, 0xff, 0x9b, ...Array(8).fill(0)], bits: 96, offset: 12 }, // 64:ff9b::/96 (NAT64)
  { prefix: [0x20, 0x02], bits: 16, offset: 2 }, // 2002::/16 (6to4)
];

/** Why an IP address must not be contacted, or null when it is a public address. */
export function classifyAddress(address: string): TBlockReason | null {
  const v4 = parseIPv4(address);
  if (v4) return matchRange(V4_RANGES, v4);
  const v6 = parseIPv6(address);
  if (!v6) return "reserved";
  const direct = matchRange(V6_RANGES, v6);
  if (direct) return direct;
  for (const { prefix, bits, offset } of V6_EMBEDDING_V4) {
    if (inPrefix(v6, prefix, bits)) return matchRange(V4_RANGES, v6.slice(offset, offset + 4));
  }
  return null;
}

function matchRange(ranges: TRange[], bytes: number[]): TBlockReason | null {
  return ranges.find((range) => inPrefix(bytes, range.prefix, range.bits))?.reason ?? null;
}

function inPrefix(bytes: number[], prefix: number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

function parseIPv4(address: string): number[] | null {
  if (!isIPv4(address)) return null;
  return address.split(".").map(Number);
}

function parseIPv6(address: string): number[] | null {
  let text = address.split("%")[0];
  if (!isIPv6(text)) return null;
  const lastColon = text.lastIndexOf(":");
  const tail = parseIPv4(text.slice(lastColon + 1));
  if (tail) {
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    text = `${text.slice(0, lastColon + 1)}${hex(tail[0], tail[1])}:${hex(tail[2], tail[3])}`;
  }
  const [head, rest] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const restGroups = rest === undefined ? null : rest ? rest.split(":") : [];
  const groups =
    restGroups === null
      ? headGroups
      : [...headGroups, ...Array(8 - headGroups.length - restGroups.length).fill("0"), ...restGroups];
  if (groups.length !== 8) return null;
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

function sameBytes(a: number[] | null, b: number[] | null): boolean {
  return a !== null && b !== null && a.every((byte, i) => byte === b[i]);
}
