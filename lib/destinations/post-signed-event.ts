import "server-only";
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { assertUrlAllowed, type TAllowedUrl } from "@/lib/engine/request-guard";
import { requestAllowHosts } from "@/lib/runs/advance-run";

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
    return await send(target, options.body, signature);
  } catch {
    return 0;
  }
}

// Connects to the address the guard checked, so a second DNS answer cannot swap in an internal one.
function send(target: TAllowedUrl, body: string, signature: string): Promise<number> {
  const pinned = target.addresses[0];
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  const headers = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "user-agent": "Switchyard",
    "switchyard-signature": signature,
  };
  return new Promise<number>((resolve, reject) => {
    const request = client.request(target.url, { method: "POST", headers, lookup, timeout: DELIVERY_TIMEOUT_MS }, (response) => {
      // Only the status matters; the body is not read.
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(body);
  });
}
