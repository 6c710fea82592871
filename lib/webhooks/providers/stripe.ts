import "server-only";
import {
  badSignature,
  checkTimestampAge,
  decodeSignature,
  findMatchingSecret,
  hmac,
  refused,
  safeEqual,
  verified,
  type TVerifierInput,
} from "@/lib/webhooks/providers/signature-kit";

const HEADER = "Stripe-Signature";
const TOLERANCE_SECONDS = 300;

// Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...][,v0=...]; each v1 is HMAC-SHA256 of "<t>.<raw body>" keyed
// with the whole whsec_ string. Several v1 values appear while the endpoint's secret is being rolled.
export function verifyStripe({ request, secrets, now }: TVerifierInput) {
  const header = request.header(HEADER.toLowerCase());
  if (header === null || header.trim() === "") return refused("missing_signature", `The ${HEADER} header is missing.`);
  const fields = header.split(",").map((field) => field.trim().split("="));
  const timestamps = fields.filter(([key]) => key === "t").map(([, value]) => value);
  const candidates = fields.filter(([key]) => key === "v1").map(([, value]) => decodeSignature(value ?? "", "hex"));
  if (timestamps.length === 0) return refused("missing_timestamp", `The ${HEADER} header has no t= timestamp.`);
  if (timestamps.length > 1 || !/^\d{1,12}$/.test(timestamps[0] ?? "")) {
    return refused("malformed_signature", `The ${HEADER} header's t= is not one Unix time.`);
  }
  const signatures = candidates.filter((candidate): candidate is Buffer => candidate !== null);
  if (signatures.length === 0) return refused("malformed_signature", `The ${HEADER} header has no v1= hex signature.`);

  const timestamp = timestamps[0];
  const index = findMatchingSecret(secrets, (secret) => {
    const expected = hmac("sha256", secret, `${timestamp}.`, request.rawBody);
    return signatures.some((signature) => safeEqual(signature, expected));
  });
  if (index === null) return badSignature(HEADER);
  const stale = checkTimestampAge({
    timestampMs: Number(timestamp) * 1000,
    now,
    toleranceSeconds: TOLERANCE_SECONDS,
    name: `${HEADER} timestamp`,
  });
  return stale ?? verified("stripe_v1", index);
}
