import "server-only";
import { createHmac } from "node:crypto";
import { requestAllowHosts, sendPinnedRequest } from "@/lib/engine/pinned-http";
import { assertUrlAllowed } from "@/lib/engine/request-guard";

const DELIVERY_TIMEOUT_MS = 10_000;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, so receivers can check origin and freshness. */
export function signDelivery(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * POSTs a JSON event signed with a destination's secret, through the same guard as Request steps.
 * Answers the HTTP status, or 0 when there was none (refused address, network error, timeout).
 */
export async function postSignedEvent(options: { url: string; secret: string; body: string }): Promise<number> {
  try {
    const target = await assertUrlAllowed(options.url, { allowHosts: requestAllowHosts() });
    const signature = signDelivery(options.secret, options.body, Math.floor(Date.now() / 1000));
    const response = await sendPinnedRequest({
      target,
      method: "POST",
      headers: { "content-type": "application/json", "switchyard-signature": signature },
      body: options.body,
      timeoutMs: DELIVERY_TIMEOUT_MS,
    });
    return response.statusCode;
  } catch {
    return 0;
  }
}
