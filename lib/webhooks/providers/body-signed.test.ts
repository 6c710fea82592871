import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deliveryRequest, withBody, withHeader } from "@/lib/webhooks/providers/delivery-request.test-kit";
import type { TWebhookIntegration } from "@/lib/schemas/webhook-presets";
import { verifyDelivery } from "@/lib/webhooks/verify-delivery";

// No signing helper of these providers is a dependency, so the vectors follow each one's documented recipe with
// node:crypto here, apart from the code under test.
type TCase = {
  integration: TWebhookIntegration;
  header: string;
  sign: (secret: string, body: string) => string;
  scheme: string;
  extraHeaders?: Record<string, string>;
};

const now = 1_760_000_000_000;
const body = JSON.stringify({ id: "x_1", topic: "conversation.user.created", webhookTimestamp: now - 5_000, note: "✓" });

const CASES: TCase[] = [
  {
    integration: "shopify",
    header: "X-Shopify-Hmac-Sha256",
    sign: (secret, text) => createHmac("sha256", secret).update(text, "utf8").digest("base64"),
    scheme: "shopify_hmac_sha256",
    extraHeaders: { "X-Shopify-Topic": "orders/create" },
  },
  {
    integration: "intercom",
    header: "X-Hub-Signature",
    sign: (secret, text) => `sha1=${createHmac("sha1", secret).update(text, "utf8").digest("hex")}`,
    scheme: "intercom_sha1",
  },
  {
    integration: "jira",
    header: "X-Hub-Signature",
    sign: (secret, text) => `sha256=${createHmac("sha256", secret).update(text, "utf8").digest("hex")}`,
    scheme: "jira_sha256",
  },
  {
    integration: "linear",
    header: "Linear-Signature",
    sign: (secret, text) => createHmac("sha256", secret).update(text, "utf8").digest("hex"),
    scheme: "linear_sha256",
  },
];

describe.each(CASES)("verifyDelivery: $integration", ({ integration, header, sign, scheme, extraHeaders }) => {
  const secret = `${integration}-secret`;
  const request = deliveryRequest({ headers: { ...extraHeaders, [header]: sign(secret, body) }, body });

  it("accepts a delivery signed as documented", async () => {
    expect(await verifyDelivery(request, { integration, secrets: [secret], now })).toEqual({ ok: true, scheme, secretIndex: 0 });
  });

  it("accepts the previous secret during a rotation", async () => {
    expect(await verifyDelivery(request, { integration, secrets: ["rotated-in", secret], now })).toEqual({
      ok: true,
      scheme,
      secretIndex: 1,
    });
  });

  it("refuses a wrong secret and a tampered body", async () => {
    expect(await verifyDelivery(request, { integration, secrets: ["not-it"], now })).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifyDelivery(withBody(request, body.replace("x_1", "x_2")), { integration, secrets: [secret], now }))
      .toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("refuses a missing header and a malformed one", async () => {
    expect(await verifyDelivery(withHeader(request, header, null), { integration, secrets: [secret], now })).toEqual({
      ok: false,
      reason: "missing_signature",
      message: `The ${header} header is missing.`,
    });
    expect(await verifyDelivery(withHeader(request, header, "sha512=zz"), { integration, secrets: [secret], now }))
      .toMatchObject({ ok: false, reason: "malformed_signature" });
  });
});

describe("verifyDelivery: Linear's webhookTimestamp", () => {
  const secret = "linear-secret";
  function signedAt(webhookTimestamp: unknown) {
    const text = JSON.stringify({ type: "Issue", action: "create", webhookTimestamp });
    return deliveryRequest({ headers: { "Linear-Signature": createHmac("sha256", secret).update(text).digest("hex") }, body: text });
  }

  it("accepts up to a minute either way, and refuses beyond", async () => {
    expect(await verifyDelivery(signedAt(now - 60_000), { integration: "linear", secrets: [secret], now })).toMatchObject({ ok: true });
    expect(await verifyDelivery(signedAt(now + 60_000), { integration: "linear", secrets: [secret], now })).toMatchObject({ ok: true });
    expect(await verifyDelivery(signedAt(now - 61_000), { integration: "linear", secrets: [secret], now })).toEqual({
      ok: false,
      reason: "stale_timestamp",
      message: "The webhookTimestamp is 61 s old, beyond the 60 s allowed: a replayed delivery, or a clock far off.",
    });
  });

  it("refuses a signed body without a numeric webhookTimestamp", async () => {
    for (const value of [undefined, "1760000000000"]) {
      expect(await verifyDelivery(signedAt(value), { integration: "linear", secrets: [secret], now })).toMatchObject({
        reason: "missing_timestamp",
      });
    }
  });
});
