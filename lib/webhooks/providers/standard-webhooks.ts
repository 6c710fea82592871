import "server-only";
import { Webhook } from "standardwebhooks";
import {
  badSignature,
  checkTimestampAge,
  refused,
  safeEqualText,
  verified,
  type TVerifierInput,
} from "@/lib/webhooks/providers/signature-kit";
import type { TDeliveryRequest } from "@/lib/webhooks/verify-delivery";

const TOLERANCE_SECONDS = 300;

// webhook-signature: space-separated "v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">", keyed
// with the base64 key after "whsec_". The library's verify() reads the wall clock, so its sign() makes the expected
// value here and the age check uses the injected clock. Svix sends the same headers prefixed svix-. Only v1 (HMAC)
// signatures are checked: the library has no v1a (ed25519).
export function verifyStandardWebhooks({ request, secrets, now }: TVerifierInput) {
  const id = readHeader(request, "id");
  const signatures = readHeader(request, "signature");
  const timestamp = readHeader(request, "timestamp");
  if (signatures === null) return refused("missing_signature", "The webhook-signature header is missing.");
  if (id === null) return refused("missing_signature", "The webhook-id header is missing; it is part of what is signed.");
  if (timestamp === null) return refused("missing_timestamp", "The webhook-timestamp header is missing.");
  if (!/^\d{1,12}$/.test(timestamp)) return refused("malformed_signature", "The webhook-timestamp header is not a Unix time.");
  const given = signatures.split(" ").filter((entry) => entry.startsWith("v1,"));
  if (given.length === 0) return refused("malformed_signature", "The webhook-signature header has no v1,<base64> entry.");

  const signedAt = new Date(Number(timestamp) * 1000);
  let usableSecrets = 0;
  for (const [index, secret] of secrets.entries()) {
    const webhook = webhookFor(secret);
    if (webhook === null) continue;
    usableSecrets += 1;
    const expected = webhook.sign(id, signedAt, request.rawBody);
    if (!given.some((signature) => safeEqualText(signature, expected))) continue;
    const stale = checkTimestampAge({
      timestampMs: signedAt.getTime(),
      now,
      toleranceSeconds: TOLERANCE_SECONDS,
      name: "webhook-timestamp",
    });
    return stale ?? verified("standard_webhooks_v1", index);
  }
  if (usableSecrets === 0) {
    return refused("no_secret", "No configured secret is a Standard Webhooks key (whsec_ followed by base64).");
  }
  return badSignature("webhook-signature");
}

function readHeader(request: TDeliveryRequest, name: "id" | "timestamp" | "signature"): string | null {
  const value = request.header(`webhook-${name}`) ?? request.header(`svix-${name}`);
  return value === null || value.trim() === "" ? null : value.trim();
}

function webhookFor(secret: string): Webhook | null {
  if (secret === "") return null;
  try {
    return new Webhook(secret);
  } catch {
    return null;
  }
}
