import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deliveryRequest, withBody, withHeader } from "@/lib/webhooks/providers/delivery-request.test-kit";
import { hubspotSignedUri } from "@/lib/webhooks/providers/hubspot";
import { verifyDelivery } from "@/lib/webhooks/verify-delivery";

// HubSpot's SDK signs method + url + body + timestamp (Signature.getSignature "v3"); its documentation adds that the
// URI is signed with these escapes decoded: %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B.
function hubspotSignature(secret: string, method: string, signedUri: string, body: string, timestamp: number) {
  return createHmac("sha256", secret).update(`${method}${signedUri}${body}${timestamp}`, "utf8").digest("base64");
}

describe("verifyDelivery: HubSpot v3", () => {
  const secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  const now = 1_760_000_000_000;
  const timestamp = now - 30_000;
  const url = "https://switchyard.example.com/hooks/wh_1";
  const body = JSON.stringify([{ eventId: 1, portalId: 62515, subscriptionType: "contact.creation", objectId: 123 }]);
  function signed(options: { signedUri?: string; requestUrl?: string; secret?: string } = {}) {
    const signature = hubspotSignature(options.secret ?? secret, "POST", options.signedUri ?? url, body, timestamp);
    return deliveryRequest({
      url: options.requestUrl ?? url,
      headers: { "X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": String(timestamp) },
      body,
    });
  }

  it("accepts a delivery signed as HubSpot's SDK does", async () => {
    expect(await verifyDelivery(signed(), { integration: "hubspot", secrets: [secret], now })).toEqual({
      ok: true,
      scheme: "hubspot_v3",
      secretIndex: 0,
    });
  });

  it("accepts the previous client secret during a rotation", async () => {
    expect(await verifyDelivery(signed(), { integration: "hubspot", secrets: ["new-secret", secret], now })).toMatchObject({
      ok: true,
      secretIndex: 1,
    });
  });

  it("signs the URI with the listed escapes decoded and the others kept", async () => {
    const requestUrl = `${url}?account=%40acme%2Cbeta&note=a%20b%26c&path=%2fx%3a`;
    const decoded = `${url}?account=@acme,beta&note=a%20b%26c&path=/x:`;
    expect(hubspotSignedUri(requestUrl)).toBe(decoded);
    expect(await verifyDelivery(signed({ signedUri: decoded, requestUrl }), { integration: "hubspot", secrets: [secret], now }))
      .toMatchObject({ ok: true });
    expect(await verifyDelivery(signed({ signedUri: requestUrl, requestUrl }), { integration: "hubspot", secrets: [secret], now }))
      .toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("refuses another URL, method, secret or body", async () => {
    const otherUrl = signed({ requestUrl: `${url}?x=1` });
    expect(await verifyDelivery(otherUrl, { integration: "hubspot", secrets: [secret], now })).toMatchObject({ reason: "bad_signature" });
    const otherMethod = { ...signed(), method: "PUT" };
    expect(await verifyDelivery(otherMethod, { integration: "hubspot", secrets: [secret], now })).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verifyDelivery(signed(), { integration: "hubspot", secrets: ["other"], now })).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verifyDelivery(withBody(signed(), body.replace("123", "124")), { integration: "hubspot", secrets: [secret], now }))
      .toMatchObject({ reason: "bad_signature" });
  });

  it("refuses a timestamp older than 5 minutes", async () => {
    expect(await verifyDelivery(signed(), { integration: "hubspot", secrets: [secret], now: timestamp + 300_000 })).toMatchObject({
      ok: true,
    });
    expect(await verifyDelivery(signed(), { integration: "hubspot", secrets: [secret], now: timestamp + 301_000 })).toMatchObject({
      reason: "stale_timestamp",
    });
  });

  it("refuses missing headers", async () => {
    expect(await verifyDelivery(withHeader(signed(), "X-HubSpot-Signature-v3", null), { integration: "hubspot", secrets: [secret], now }))
      .toMatchObject({ reason: "missing_signature" });
    expect(
      await verifyDelivery(withHeader(signed(), "X-HubSpot-Request-Timestamp", null), { integration: "hubspot", secrets: [secret], now }),
    ).toMatchObject({ reason: "missing_timestamp" });
  });
});
