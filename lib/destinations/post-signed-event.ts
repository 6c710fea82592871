import "server-only";
import { createHmac } from "node:crypto";
import { RequestTimeoutError, sendPinnedRequest, type TTimeoutPhase } from "@/lib/engine/pinned-http";
import { RequestGuardError, type TAllowedUrl } from "@/lib/engine/request-guard";
import { DELIVERY_TIMEOUT_SECONDS, type TDeliveryOutcome, type TDeliveryRefusalReason } from "@/lib/schemas/destination";
import { resolveDestinationUrl } from "./resolve-destination-url";

const DELIVERY_TIMEOUT_MS = DELIVERY_TIMEOUT_SECONDS * 1000;

export type TDeliveryAttempt = {
  outcome: TDeliveryOutcome;
  /** The HTTP status answered; 0 when there was none. */
  status: number;
  reason: TDeliveryRefusalReason | null;
  message: string;
};

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, so receivers can check origin and freshness. */
export function signDelivery(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * POSTs a JSON event signed with a destination's secret, through the same guard as Request steps, and says
 * what became of it. One deadline covers resolving the host and the whole request.
 */
export async function sendSignedEvent(options: { url: string; secret: string; body: string }): Promise<TDeliveryAttempt> {
  const host = hostOf(options.url);
  const started = performance.now();
  let target: TAllowedUrl;
  try {
    target = await resolveDestinationUrl(options.url, DELIVERY_TIMEOUT_MS);
  } catch (error) {
    return describeFailure(error, host);
  }
  const signature = signDelivery(options.secret, options.body, Math.floor(Date.now() / 1000));
  try {
    const response = await sendPinnedRequest({
      target,
      method: "POST",
      headers: { "content-type": "application/json", "switchyard-signature": signature },
      body: options.body,
      timeoutMs: DELIVERY_TIMEOUT_MS - (performance.now() - started),
    });
    return { outcome: "answered", status: response.statusCode, reason: null, message: `${host} answered HTTP ${response.statusCode}` };
  } catch (error) {
    return describeFailure(error, host);
  }
}

/** The HTTP status of a delivery, or 0 when there was none (refused address, network error, timeout). */
export async function postSignedEvent(options: { url: string; secret: string; body: string }): Promise<number> {
  return (await sendSignedEvent(options)).status;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const TIMEOUT_TEXT: Record<TTimeoutPhase, (host: string) => string> = {
  resolve: (host) => `Could not resolve ${host.replace(/:\d+$/, "")} within ${DELIVERY_TIMEOUT_SECONDS} s`,
  connect: (host) => `Could not connect to ${host} within ${DELIVERY_TIMEOUT_SECONDS} s`,
  headers: (host) => `${host} did not answer within ${DELIVERY_TIMEOUT_SECONDS} s`,
  body: (host) => `The answer from ${host} was still arriving after ${DELIVERY_TIMEOUT_SECONDS} s`,
};

function describeFailure(error: unknown, host: string): TDeliveryAttempt {
  const failed = (outcome: TDeliveryOutcome, message: string, reason: TDeliveryRefusalReason | null = null) => ({ outcome, status: 0, reason, message });
  if (error instanceof RequestGuardError) {
    const { reason } = error;
    return reason === "dns_failure" ? failed("dns_failure", error.message) : failed("refused", error.message, reason);
  }
  if (error instanceof RequestTimeoutError) return failed("timeout", TIMEOUT_TEXT[error.phase](host));
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED") return failed("connection_refused", `${host} refused the connection`);
  if (isTlsError(code, detail)) return failed("tls_error", `TLS with ${host} failed: ${openSslReason(detail) ?? detail}`);
  return failed("network_error", `Could not reach ${host}: ${detail}`);
}

function errorCode(error: unknown): string {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === "string" ? code : "";
}

// Node names certificate failures after OpenSSL (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT…) and
// handshake failures ERR_SSL_… or ERR_TLS_…; an HTTP server on an https:// URL ends in EPROTO.
function isTlsError(code: string, detail: string): boolean {
  return /^ERR_(SSL|TLS)_|CERT|^UNABLE_TO_|^EPROTO$/.test(code) || /\bSSL\b|\bTLS\b/.test(detail);
}

/** "wrong version number" out of "write EPROTO 80…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…". */
function openSslReason(detail: string): string | undefined {
  return /SSL routines:[^:]*:([^:]+)/.exec(detail)?.[1];
}
