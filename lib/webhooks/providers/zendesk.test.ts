import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deliveryRequest, withBody, withHeader } from "@/lib/webhooks/providers/delivery-request.test-kit";
import { verifyDelivery } from "@/lib/webhooks/verify-delivery";

// Zendesk's documentation: base64(HMACSHA256(TIMESTAMP + BODY)), TIMESTAMP being the header's text.
describe("verifyDelivery: Zendesk", () => {
  const secret = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
  const timestamp = "2025-10-09T08:53:20Z";
  const now = Date.parse(timestamp) + 20_000;
  const body = JSON.stringify({ type: "zen:event-type:ticket.created", account_id: 12514403, detail: { id: "35436" } });
  const request = deliveryRequest({
    headers: {
      "X-Zendesk-Webhook-Signature": createHmac("sha256", secret).update(timestamp + body).digest("base64"),
      "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
      "X-Zendesk-Webhook-Invocation-Id": "8350205582",
    },
    body,
  });

  it("accepts a delivery signed as documented", async () => {
    expect(await verifyDelivery(request, { integration: "zendesk", secrets: [secret], now })).toEqual({
      ok: true,
      scheme: "zendesk_sha256",
      secretIndex: 0,
    });
  });

  it("accepts the previous signing secret during a rotation", async () => {
    expect(await verifyDelivery(request, { integration: "zendesk", secrets: ["rotated", secret], now })).toMatchObject({
      ok: true,
      secretIndex: 1,
    });
  });

  it("refuses a wrong secret, a tampered body and a changed timestamp", async () => {
    expect(await verifyDelivery(request, { integration: "zendesk", secrets: ["other"], now })).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verifyDelivery(withBody(request, body.replace("35436", "1")), { integration: "zendesk", secrets: [secret], now }))
      .toMatchObject({ reason: "bad_signature" });
    const moved = withHeader(request, "X-Zendesk-Webhook-Signature-Timestamp", "2025-10-09T08:53:21Z");
    expect(await verifyDelivery(moved, { integration: "zendesk", secrets: [secret], now })).toMatchObject({ reason: "bad_signature" });
  });

  it("refuses a timestamp more than 5 minutes away", async () => {
    expect(await verifyDelivery(request, { integration: "zendesk", secrets: [secret], now: Date.parse(timestamp) + 301_000 }))
      .toMatchObject({ reason: "stale_timestamp" });
  });

  it("refuses missing headers and a timestamp that is no date", async () => {
    expect(await verifyDelivery(withHeader(request, "X-Zendesk-Webhook-Signature", null), { integration: "zendesk", secrets: [secret], now }))
      .toMatchObject({ reason: "missing_signature" });
    const noTimestamp = withHeader(request, "X-Zendesk-Webhook-Signature-Timestamp", null);
    expect(await verifyDelivery(noTimestamp, { integration: "zendesk", secrets: [secret], now })).toMatchObject({
      reason: "missing_timestamp",
    });
    const notADate = withHeader(request, "X-Zendesk-Webhook-Signature-Timestamp", "yesterday");
    expect(await verifyDelivery(notADate, { integration: "zendesk", secrets: [secret], now })).toMatchObject({
      reason: "malformed_signature",
    });
  });
});
