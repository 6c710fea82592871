import "server-only";
import {
  checkTimestampAge,
  readTimestamp,
  refused,
  verifyHmacSignature,
  type TVerifierInput,
} from "@/lib/webhooks/providers/signature-kit";

const HEADER = "X-Zendesk-Webhook-Signature";
const TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";
// Zendesk documents no window; 5 minutes is the common replay bound, and its retries come within it.
const TOLERANCE_SECONDS = 300;

// X-Zendesk-Webhook-Signature: base64 HMAC-SHA256 of the timestamp header's exact text followed by the raw body.
export function verifyZendesk({ request, secrets, now }: TVerifierInput) {
  const signature = request.header(HEADER.toLowerCase());
  if (signature === null || signature.trim() === "") return refused("missing_signature", `The ${HEADER} header is missing.`);
  const timestamp = request.header(TIMESTAMP_HEADER.toLowerCase());
  if (timestamp === null || timestamp.trim() === "") {
    return refused("missing_timestamp", `The ${TIMESTAMP_HEADER} header is missing.`);
  }
  const timestampMs = readTimestamp(timestamp);
  if (timestampMs === null) return refused("malformed_signature", `The ${TIMESTAMP_HEADER} header is not an ISO 8601 time.`);

  const result = verifyHmacSignature({
    scheme: "zendesk_sha256",
    name: HEADER,
    signature,
    prefix: "",
    encoding: "base64",
    algorithm: "sha256",
    signedParts: [timestamp, request.rawBody],
    secrets,
  });
  if (!result.ok) return result;
  return checkTimestampAge({ timestampMs, now, toleranceSeconds: TOLERANCE_SECONDS, name: TIMESTAMP_HEADER }) ?? result;
}
