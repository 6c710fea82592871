// A DNS whose answers each test sets, so that a host can resolve to a public address when a destination is
// saved and to a private one (or to nothing) when it is tested. A test file installs it with
//   vi.mock("node:dns/promises", async (importOriginal) => (await import("@/test/fake-dns")).fakeDnsModule(await importOriginal()));
// It imports nothing of the app: the mock's factory runs while the app's modules are being loaded.

/** A public address (not in any range the guard refuses), standing in for a real receiver's. */
export const PUBLIC_ADDRESS = "93.184.215.14";

/** Host → the addresses it resolves to; a host that is absent does not resolve (ENOTFOUND). */
export const dnsAnswers = new Map<string, string[]>();

export function resetDns() {
  dnsAnswers.clear();
  for (const host of ["hooks.example.com", "alerts.example.org", "example.com"]) dnsAnswers.set(host, [PUBLIC_ADDRESS]);
}
resetDns();

async function fakeLookup(hostname: string) {
  const addresses = dnsAnswers.get(hostname);
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
}

export function fakeDnsModule(actual: Record<string, unknown>) {
  return { ...actual, lookup: fakeLookup, default: { ...(actual.default as object), lookup: fakeLookup } };
}

