import "server-only";
import {
  checkTimestampAge,
  refused,
  verifyHmacSignature,
  type TVerifierInput,
} from "@/lib/webhooks/providers/signature-kit";

// Providers whose signature is an HMAC of the raw body alone.

export function verifyShopify({ request, secrets }: TVerifierInput) {
  return verifyHmacSignature({
    scheme: "shopify_hmac_sha256",
    name: "X-Shopify-Hmac-Sha256",
    signature: request.header("x-shopify-hmac-sha256"),
    prefix: "",
    encoding: "base64",
    algorithm: "sha256",
    signedParts: [request.rawBody],
    secrets,
  });
}

export function verifyIntercom({ request, secrets }: TVerifierInput) {
  return verifyHmacSignature({
    scheme: "intercom_sha1",
    name: "X-Hub-Signature",
    signature: request.header("x-hub-signature"),
    prefix: "sha1=",
    encoding: "hex",
    algorithm: "sha1",
    signedParts: [request.rawBody],
    secrets,
  });
}

export function verifyJira({ request, secrets }: TVerifierInput) {
  return verifyHmacSignature({
    scheme: "jira_sha256",
    name: "X-Hub-Signature",
    signature: request.header("x-hub-signature"),
    prefix: "sha256=",
    encoding: "hex",
    algorithm: "sha256",
    signedParts: [request.rawBody],
    secrets,
  });
}

const LINEAR_TOLERANCE_SECONDS = 60;

// The timestamp is inside the signed body (webhookTimestamp, ms), so it is only trusted once the signature holds.
export function verifyLinear({ request, secrets, now }: TVerifierInput) {
  const result = verifyHmacSignature({
    scheme: "linear_sha256",
    name: "Linear-Signature",
    signature: request.header("linear-signature"),
    prefix: "",
    encoding: "hex",
    algorithm: "sha256",
    signedParts: [request.rawBody],
    secrets,
  });
  if (!result.ok) return result;
  const timestampMs = linearTimestamp(request.rawBody);
  if (timestampMs === null) return refused("missing_timestamp", "The body has no numeric webhookTimestamp.");
  return (
    checkTimestampAge({ timestampMs, now, toleranceSeconds: LINEAR_TOLERANCE_SECONDS, name: "webhookTimestamp" }) ??
    result
  );
}

function linearTimestamp(rawBody: Buffer): number | null {
  try {
    const body: unknown = JSON.parse(rawBody.toString("utf8"));
    if (typeof body !== "object" || body === null || !("webhookTimestamp" in body)) return null;
    const { webhookTimestamp } = body;
    return typeof webhookTimestamp === "number" && Number.isFinite(webhookTimestamp) ? webhookTimestamp : null;
  } catch {
    return null;
  }
}
