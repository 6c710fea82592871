import "server-only";
import {
  badSignature,
  decodeSignature,
  findMatchingSecret,
  hmac,
  refused,
  safeEqualText,
  safeEqual,
  sha256Hex,
  verified,
  type TVerifierInput,
} from "@/lib/webhooks/providers/signature-kit";
import type { TDeliveryRequest } from "@/lib/webhooks/verify-delivery";

const HEADER = "X-Twilio-Signature";

// X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, of the full URL followed by every POST parameter's
// name and value, names sorted. A JSON body is not signed itself: the URL carries bodySHA256 (its hex SHA-256), and
// only the URL is signed.
export function verifyTwilio({ request, secrets }: TVerifierInput) {
  const header = request.header(HEADER.toLowerCase())?.trim();
  if (!header) return refused("missing_signature", `The ${HEADER} header is missing.`);
  const signature = decodeSignature(header, "base64");
  if (signature === null) return refused("malformed_signature", `The ${HEADER} header is not a base64 signature.`);

  const bodyHash = bodySha256Of(request.url);
  const signedTail = bodyHash === null ? sortedParams(request) : "";
  const urls = urlVariants(request.url);
  const index = findMatchingSecret(secrets, (secret) =>
    urls.some((url) => safeEqual(signature, hmac("sha1", secret, url, signedTail))),
  );
  if (index === null) return badSignature(HEADER);
  if (bodyHash === null) return verified("twilio_sha1", index);
  if (!safeEqualText(bodyHash.toLowerCase(), sha256Hex(request.rawBody))) {
    return refused("bad_signature", "The body's SHA-256 is not the bodySHA256 the signed URL carries: the body was changed.");
  }
  return verified("twilio_sha1_body_sha256", index);
}

function bodySha256Of(url: string): string | null {
  try {
    return new URL(url).searchParams.get("bodySHA256");
  } catch {
    return null;
  }
}

function sortedParams(request: TDeliveryRequest): string {
  const contentType = request.header("content-type")?.split(";")[0].trim().toLowerCase();
  if (request.method.toUpperCase() !== "POST" || contentType !== "application/x-www-form-urlencoded") return "";
  const values = new Map<string, Set<string>>();
  for (const [name, value] of new URLSearchParams(request.rawBody.toString("utf8"))) {
    values.set(name, (values.get(name) ?? new Set()).add(value));
  }
  return [...values.keys()]
    .sort()
    .map((name) => [...(values.get(name) ?? [])].sort().map((value) => name + value).join(""))
    .join("");
}

// Twilio signs the URL as configured, which may or may not spell out the standard port; its own helpers accept both.
function urlVariants(url: string): string[] {
  const variants = new Set([url]);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [...variants];
  }
  variants.add(parsed.toString());
  const withoutPort = new URL(parsed);
  withoutPort.port = "";
  variants.add(withoutPort.toString());
  if (parsed.port === "" && (parsed.protocol === "https:" || parsed.protocol === "http:")) {
    const port = parsed.protocol === "https:" ? "443" : "80";
    const userInfo = parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ""}@` : "";
    variants.add(`${parsed.protocol}//${userInfo}${parsed.host}:${port}${parsed.pathname}${parsed.search}${parsed.hash}`);
  }
  return [...variants];
}
