import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZCustomVerification, ZCustomWebhookOptions, type TCustomWebhookOptions } from "@/lib/schemas/webhook-presets";
import { deliveryRequest, withBody, withHeader } from "@/lib/webhooks/providers/delivery-request.test-kit";
import { verifyDelivery } from "@/lib/webhooks/verify-delivery";

const now = 1_760_000_000_000;
const body = '{"event":"invoice.sent","id":"inv_9"}';

function custom(verification: unknown): TCustomWebhookOptions {
  return ZCustomWebhookOptions.parse({ verification });
}

describe("custom verification: none", () => {
  it("accepts anything, without a secret", async () => {
    expect(await verifyDelivery(deliveryRequest({ body }), { integration: "custom", secrets: [], custom: custom({ mode: "none" }), now }))
      .toEqual({ ok: true, scheme: "none", secretIndex: null });
  });
});

describe("custom verification: secret_header", () => {
  const options = custom({ mode: "secret_header", header: "X-Webhook-Token" });
  const request = deliveryRequest({ headers: { "X-Webhook-Token": "tok_live_1" }, body });

  it("accepts the header equal to a secret, the previous one included", async () => {
    expect(await verifyDelivery(request, { integration: "custom", secrets: ["tok_live_1"], custom: options, now })).toEqual({
      ok: true,
      scheme: "secret_header",
      secretIndex: 0,
    });
    expect(await verifyDelivery(request, { integration: "custom", secrets: ["tok_live_2", "tok_live_1"], custom: options, now }))
      .toMatchObject({ ok: true, secretIndex: 1 });
  });

  it("refuses another value, a prefix of the secret, a missing header and no secret", async () => {
    for (const secrets of [["tok_live_2"], ["tok_live_10"], ["tok_live"]]) {
      expect(await verifyDelivery(request, { integration: "custom", secrets, custom: options, now })).toEqual({
        ok: false,
        reason: "bad_signature",
        message: "The X-Webhook-Token header does not equal any configured secret.",
      });
    }
    expect(await verifyDelivery(withHeader(request, "X-Webhook-Token", null), { integration: "custom", secrets: ["tok_live_1"], custom: options, now }))
      .toMatchObject({ reason: "missing_signature" });
    expect(await verifyDelivery(request, { integration: "custom", secrets: [], custom: options, now })).toMatchObject({
      reason: "no_secret",
    });
  });
});

describe("custom verification: hmac of the body", () => {
  const options = custom({ mode: "hmac", algorithm: "sha512", header: "X-Signature", encoding: "base64", prefix: "sha512=" });
  const secret = "custom-secret";
  const signature = `sha512=${createHmac("sha512", secret).update(body).digest("base64")}`;
  const request = deliveryRequest({ headers: { "X-Signature": signature }, body });

  it("accepts the HMAC, and the previous secret during a rotation", async () => {
    expect(await verifyDelivery(request, { integration: "custom", secrets: [secret], custom: options, now })).toEqual({
      ok: true,
      scheme: "hmac_sha512",
      secretIndex: 0,
    });
    expect(await verifyDelivery(request, { integration: "custom", secrets: ["next", secret], custom: options, now })).toMatchObject({
      secretIndex: 1,
    });
  });

  it("refuses a wrong secret, a tampered body, a missing header and a missing prefix", async () => {
    expect(await verifyDelivery(request, { integration: "custom", secrets: ["other"], custom: options, now })).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verifyDelivery(withBody(request, body.replace("9", "8")), { integration: "custom", secrets: [secret], custom: options, now }))
      .toMatchObject({ reason: "bad_signature" });
    expect(await verifyDelivery(withHeader(request, "X-Signature", null), { integration: "custom", secrets: [secret], custom: options, now }))
      .toMatchObject({ reason: "missing_signature" });
    const unprefixed = withHeader(request, "X-Signature", signature.slice("sha512=".length));
    expect(await verifyDelivery(unprefixed, { integration: "custom", secrets: [secret], custom: options, now })).toEqual({
      ok: false,
      reason: "malformed_signature",
      message: 'The X-Signature header does not start with "sha512=".',
    });
  });

  it("compares hex signatures whatever their letter case", async () => {
    const hex = custom({ mode: "hmac", header: "X-Signature" });
    const upper = createHmac("sha256", secret).update(body).digest("hex").toUpperCase();
    const upperRequest = deliveryRequest({ headers: { "X-Signature": upper }, body });
    expect(await verifyDelivery(upperRequest, { integration: "custom", secrets: [secret], custom: hex, now })).toMatchObject({
      ok: true,
      scheme: "hmac_sha256",
    });
  });
});

describe("custom verification: hmac of timestamp + separator + body", () => {
  const options = custom({ mode: "hmac", header: "X-Signature", signedContent: "timestamp_body", timestampHeader: "X-Timestamp" });
  const secret = "custom-secret";
  const timestamp = String(now / 1000 - 10);
  const request = deliveryRequest({
    headers: { "X-Signature": createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex"), "X-Timestamp": timestamp },
    body,
  });

  it("accepts the HMAC within the tolerance, and refuses it past 300 s by default", async () => {
    expect(await verifyDelivery(request, { integration: "custom", secrets: [secret], custom: options, now })).toMatchObject({ ok: true });
    expect(await verifyDelivery(request, { integration: "custom", secrets: [secret], custom: options, now: now + 291_000 }))
      .toMatchObject({ reason: "stale_timestamp" });
  });

  it("skips the age check when the tolerance is 0", async () => {
    const ageless = custom({ ...options.verification, toleranceSeconds: 0 });
    expect(await verifyDelivery(request, { integration: "custom", secrets: [secret], custom: ageless, now: now + 86_400_000 }))
      .toMatchObject({ ok: true });
  });

  it("refuses a changed timestamp, a tampered body, a missing timestamp and a wrong secret", async () => {
    expect(await verifyDelivery(withBody(request, body.replace("9", "8")), { integration: "custom", secrets: [secret], custom: options, now }))
      .toMatchObject({ reason: "bad_signature" });
    expect(await verifyDelivery(withHeader(request, "X-Timestamp", String(Number(timestamp) + 1)), { integration: "custom", secrets: [secret], custom: options, now }))
      .toMatchObject({ reason: "bad_signature" });
    expect(await verifyDelivery(withHeader(request, "X-Timestamp", null), { integration: "custom", secrets: [secret], custom: options, now }))
      .toMatchObject({ reason: "missing_timestamp" });
    expect(await verifyDelivery(request, { integration: "custom", secrets: ["other"], custom: options, now })).toMatchObject({
      reason: "bad_signature",
    });
  });
});

describe("ZCustomVerification", () => {
  it("fills the hmac defaults", () => {
    expect(ZCustomVerification.parse({ mode: "hmac", header: "X-Signature" })).toEqual({
      mode: "hmac",
      algorithm: "sha256",
      header: "X-Signature",
      encoding: "hex",
      prefix: "",
      signedContent: "body",
      separator: ".",
      toleranceSeconds: 300,
    });
  });

  it("requires a timestamp header for timestamp_body", () => {
    const result = ZCustomVerification.safeParse({ mode: "hmac", header: "X-Signature", signedContent: "timestamp_body" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["timestampHeader", "Name the header that carries the timestamp"],
    ]);
  });

  it.each(["X Signature", "X-Sig:", "", "x".repeat(101)])("refuses the header name %j", (header) => {
    expect(ZCustomVerification.safeParse({ mode: "secret_header", header }).success).toBe(false);
  });

  it("refuses a tolerance above a day or not whole", () => {
    for (const toleranceSeconds of [86_401, 1.5, -1]) {
      expect(ZCustomVerification.safeParse({ mode: "hmac", header: "X-Sig", toleranceSeconds }).success).toBe(false);
    }
  });

  it("defaults the challenge, event type and delivery id", () => {
    expect(ZCustomWebhookOptions.parse({ verification: { mode: "none" } })).toEqual({
      verification: { mode: "none" },
      challenge: { enabled: false, queryParam: "challenge" },
      eventType: null,
      deliveryId: null,
    });
  });
});
