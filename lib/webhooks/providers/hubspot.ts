import "server-only";
import { checkTimestampAge, refused, verifyHmacSignature, type TVerifierInput } from "@/lib/webhooks/providers/signature-kit";

const HEADER = "X-HubSpot-Signature-v3";
const TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";
const TOLERANCE_SECONDS = 300;

// HubSpot decodes exactly these percent-encodings in the URI before signing; every other escape stays as sent.
const DECODED_IN_URI: Record<string, string> = {
  "%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$",
  "%27": "'", "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";",
};

export function hubspotSignedUri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DECODED_IN_URI[escape.toUpperCase()]);
}

// X-HubSpot-Signature-v3: base64 HMAC-SHA256 of method + URI + raw body + X-HubSpot-Request-Timestamp (ms), keyed with
// the app's client secret.
export function verifyHubspot({ request, secrets, now }: TVerifierInput) {
  const signature = request.header(HEADER.toLowerCase());
  if (signature === null || signature.trim() === "") return refused("missing_signature", `The ${HEADER} header is missing.`);
  const timestamp = request.header(TIMESTAMP_HEADER.toLowerCase())?.trim();
  if (!timestamp) return refused("missing_timestamp", `The ${TIMESTAMP_HEADER} header is missing.`);
  if (!/^\d{1,16}$/.test(timestamp)) {
    return refused("malformed_signature", `The ${TIMESTAMP_HEADER} header is not a time in milliseconds.`);
  }

  const result = verifyHmacSignature({
    scheme: "hubspot_v3",
    name: HEADER,
    signature,
    prefix: "",
    encoding: "base64",
    algorithm: "sha256",
    signedParts: [request.method.toUpperCase(), hubspotSignedUri(request.url), request.rawBody, timestamp],
    secrets,
  });
  if (!result.ok) return result;
  const stale = checkTimestampAge({
    timestampMs: Number(timestamp),
    now,
    toleranceSeconds: TOLERANCE_SECONDS,
    name: TIMESTAMP_HEADER,
  });
  return stale ?? result;
}
