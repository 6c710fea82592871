import "server-only";
import type { TCustomVerification } from "@/lib/schemas/webhook-presets";
import {
  checkTimestampAge,
  findMatchingSecret,
  readTimestamp,
  refused,
  safeEqualText,
  verified,
  verifyHmacSignature,
  type TVerifierInput,
} from "@/lib/webhooks/providers/signature-kit";
import type { TVerification } from "@/lib/webhooks/verify-delivery";

// A sender the builder describes: no check, a header that must equal the secret, or an HMAC of the body (optionally
// preceded by a timestamp header and a separator).
export function verifyCustom(input: TVerifierInput, verification: TCustomVerification): TVerification {
  if (verification.mode === "none") return verified("none", null);
  const { request, secrets, now } = input;
  if (!secrets.some((secret) => secret !== "")) {
    return refused("no_secret", "No secret is configured for this custom webhook trigger.");
  }

  if (verification.mode === "secret_header") {
    const given = request.header(verification.header.toLowerCase());
    if (given === null || given === "") return refused("missing_signature", `The ${verification.header} header is missing.`);
    const index = findMatchingSecret(secrets, (secret) => safeEqualText(given.trim(), secret));
    return index === null
      ? refused("bad_signature", `The ${verification.header} header does not equal any configured secret.`)
      : verified("secret_header", index);
  }

  const { header, timestampHeader, signedContent, separator, toleranceSeconds } = verification;
  let timestamp: { text: string; ms: number } | null = null;
  if (signedContent === "timestamp_body" && timestampHeader) {
    const text = request.header(timestampHeader.toLowerCase())?.trim();
    if (!text) return refused("missing_timestamp", `The ${timestampHeader} header is missing.`);
    const ms = readTimestamp(text);
    if (ms === null) {
      return refused("malformed_signature", `The ${timestampHeader} header is not a Unix time or an ISO 8601 date.`);
    }
    timestamp = { text, ms };
  }
  const result = verifyHmacSignature({
    scheme: `hmac_${verification.algorithm}`,
    name: header,
    signature: request.header(header.toLowerCase()),
    prefix: verification.prefix,
    encoding: verification.encoding,
    algorithm: verification.algorithm,
    signedParts: timestamp ? [timestamp.text, separator, request.rawBody] : [request.rawBody],
    secrets,
  });
  if (!result.ok || timestamp === null || !timestampHeader) return result;
  return checkTimestampAge({ timestampMs: timestamp.ms, now, toleranceSeconds, name: timestampHeader }) ?? result;
}
