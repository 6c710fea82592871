import { describe, expect, it } from "vitest";
import { deliveryRequest, withBody, withHeader } from "@/lib/webhooks/providers/delivery-request.test-kit";
import { verifyDelivery } from "@/lib/webhooks/verify-delivery";

// The vectors of Twilio's own request-validator test suites (twilio-python, twilio-csharp, twilio-php): auth token
// "12345", URL https://mycompany.com/myapp.php?foo=1&bar=2.
const authToken = "12345";
const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
const now = 1_760_000_000_000;
const form = new URLSearchParams([
  ["From", "+14158675309"],
  ["CallSid", "CA1234567890ABCDE"],
  ["To", "+18005551212"],
  ["Digits", "1234"],
  ["Caller", "+14158675309"],
]).toString();
const formRequest = deliveryRequest({
  url,
  headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
  body: form,
});

const jsonBody = '{"property": "value", "boolean": true}';
const jsonUrl = `${url}&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620`;
const jsonRequest = deliveryRequest({
  url: jsonUrl,
  headers: { "Content-Type": "application/json", "X-Twilio-Signature": "a9nBmqA0ju/hNViExpshrM61xv4=" },
  body: jsonBody,
});

describe("verifyDelivery: Twilio", () => {
  it("accepts a form post: the URL then the parameters sorted by name", async () => {
    expect(await verifyDelivery(formRequest, { integration: "twilio", secrets: [authToken], now })).toEqual({
      ok: true,
      scheme: "twilio_sha1",
      secretIndex: 0,
    });
  });

  it("sorts and de-duplicates a repeated parameter's values", async () => {
    const repeated = deliveryRequest({
      url,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "IK+Dwps556ElfBT0I3Rgjkr1wJU=" },
      body: "Sid=CA123&Digits=5678&SidAccount=AC123&Digits=1234&Digits=1234",
    });
    expect(await verifyDelivery(repeated, { integration: "twilio", secrets: [authToken], now })).toMatchObject({ ok: true });
  });

  it("accepts the URL with or without its port", async () => {
    const withPort = { ...formRequest, url: "https://mycompany.com:1234/myapp.php?foo=1&bar=2" };
    expect(await verifyDelivery(withPort, { integration: "twilio", secrets: [authToken], now })).toMatchObject({ ok: true });
  });

  it("accepts a JSON body whose SHA-256 is the signed URL's bodySHA256", async () => {
    expect(await verifyDelivery(jsonRequest, { integration: "twilio", secrets: [authToken], now })).toEqual({
      ok: true,
      scheme: "twilio_sha1_body_sha256",
      secretIndex: 0,
    });
  });

  it("refuses a JSON body that is not the one bodySHA256 names", async () => {
    expect(await verifyDelivery(withBody(jsonRequest, '{"property": "evil"}'), { integration: "twilio", secrets: [authToken], now }))
      .toEqual({
        ok: false,
        reason: "bad_signature",
        message: "The body's SHA-256 is not the bodySHA256 the signed URL carries: the body was changed.",
      });
  });

  it("accepts the previous auth token during a rotation", async () => {
    expect(await verifyDelivery(formRequest, { integration: "twilio", secrets: ["new-token", authToken], now })).toMatchObject({
      ok: true,
      secretIndex: 1,
    });
  });

  it("refuses a wrong token, a changed parameter and another URL", async () => {
    expect(await verifyDelivery(formRequest, { integration: "twilio", secrets: ["54321"], now })).toMatchObject({
      reason: "bad_signature",
    });
    const tampered = withBody(formRequest, form.replace("Digits=1234", "Digits=9999"));
    expect(await verifyDelivery(tampered, { integration: "twilio", secrets: [authToken], now })).toMatchObject({
      reason: "bad_signature",
    });
    const otherUrl = { ...formRequest, url: "https://mycompany.com/myapp.php?foo=1&bar=3" };
    expect(await verifyDelivery(otherUrl, { integration: "twilio", secrets: [authToken], now })).toMatchObject({
      reason: "bad_signature",
    });
  });

  it("refuses a missing or malformed header", async () => {
    expect(await verifyDelivery(withHeader(formRequest, "X-Twilio-Signature", null), { integration: "twilio", secrets: [authToken], now }))
      .toMatchObject({ reason: "missing_signature" });
    expect(await verifyDelivery(withHeader(formRequest, "X-Twilio-Signature", "not base64!"), { integration: "twilio", secrets: [authToken], now }))
      .toMatchObject({ reason: "malformed_signature" });
  });
});
