// The headers of a delivery as the Event Log and runs keep them: signatures, tokens and cookies masked, so no
// secret (nor anything an attacker could replay) lands in Task History.
const MASKED = "••••••";
const SECRET_NAME = /signature|secret|token|hmac|authorization|cookie|api[-_]?key|password/i;

export function maskDeliveryHeaders(entries: [string, string][], extraSecretHeaders: string[] = []): Record<string, string> {
  const extra = new Set(extraSecretHeaders.map((name) => name.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const [rawName, rawValue] of entries) {
    const name = rawName.toLowerCase();
    const value = SECRET_NAME.test(name) || extra.has(name) ? MASKED : rawValue;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}
