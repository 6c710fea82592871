import "server-only";
import { checkTimestampAge, refused, verifyHmacSignature, type TVerifierInput } from "@/lib/webhooks/providers/signature-kit";

const HEADER = "X-Slack-Signature";
const TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
const TOLERANCE_SECONDS = 300;

// X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<raw body>"> keyed with the signing secret.
export function verifySlack({ request, secrets, now }: TVerifierInput) {
  const signature = request.header(HEADER.toLowerCase());
  if (signature === null || signature.trim() === "") return refused("missing_signature", `The ${HEADER} header is missing.`);
  const timestamp = request.header(TIMESTAMP_HEADER.toLowerCase())?.trim();
  if (!timestamp) return refused("missing_timestamp", `The ${TIMESTAMP_HEADER} header is missing.`);
  if (!/^\d{1,12}$/.test(timestamp)) return refused("malformed_signature", `The ${TIMESTAMP_HEADER} header is not a Unix time.`);

  const result = verifyHmacSignature({
    scheme: "slack_v0",
    name: HEADER,
    signature,
    prefix: "v0=",
    encoding: "hex",
    algorithm: "sha256",
    signedParts: [`v0:${timestamp}:`, request.rawBody],
    secrets,
  });
  if (!result.ok) return result;
  const stale = checkTimestampAge({
    timestampMs: Number(timestamp) * 1000,
    now,
    toleranceSeconds: TOLERANCE_SECONDS,
    name: TIMESTAMP_HEADER,
  });
  return stale ?? result;
}
