import { sign as signGithub } from "@octokit/webhooks-methods";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { deliveryRequest, withBody, withHeader } from "@/lib/webhooks/providers/delivery-request.test-kit";
import { verifyDelivery, type TDeliveryRequest, type TVerifyOptions } from "@/lib/webhooks/verify-delivery";

const stripe = new Stripe("sk_test_switchyard");

function verify(request: TDeliveryRequest, options: Partial<TVerifyOptions> & Pick<TVerifyOptions, "integration">) {
  return verifyDelivery(request, { secrets: [], now: Date.now(), ...options });
}

describe("verifyDelivery: GitHub", () => {
  const secret = "It's a Secret to Everybody";
  const body = JSON.stringify({ action: "opened", installation: { id: 42 }, message: "héllo ✓" });
  async function signed() {
    return deliveryRequest({ headers: { "X-Hub-Signature-256": await signGithub(secret, body) }, body });
  }

  it("accepts a delivery signed by octokit's signer", async () => {
    expect(await verify(await signed(), { integration: "github", secrets: [secret] })).toEqual({
      ok: true,
      scheme: "github_sha256",
      secretIndex: 0,
    });
  });

  it("accepts the previous secret during a rotation and says which matched", async () => {
    const result = await verify(await signed(), { integration: "github", secrets: ["the new secret", secret] });
    expect(result).toEqual({ ok: true, scheme: "github_sha256", secretIndex: 1 });
  });

  it("refuses a wrong secret and a tampered body", async () => {
    expect(await verify(await signed(), { integration: "github", secrets: ["other"] })).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
    const tampered = withBody(await signed(), body.replace("opened", "closed"));
    expect(await verify(tampered, { integration: "github", secrets: [secret] })).toMatchObject({ reason: "bad_signature" });
  });

  it("refuses a missing or malformed header", async () => {
    const missing = withHeader(await signed(), "X-Hub-Signature-256", null);
    expect(await verify(missing, { integration: "github", secrets: [secret] })).toMatchObject({
      reason: "missing_signature",
      message: "The X-Hub-Signature-256 header is missing.",
    });
    const sha1 = withHeader(await signed(), "X-Hub-Signature-256", "sha1=0123");
    expect(await verify(sha1, { integration: "github", secrets: [secret] })).toMatchObject({ reason: "malformed_signature" });
  });

  it("refuses when no secret is configured, without looking at the signature", async () => {
    expect(await verify(await signed(), { integration: "github", secrets: ["", ""] })).toEqual({
      ok: false,
      reason: "no_secret",
      message: "No webhook secret is configured for this GitHub trigger.",
    });
  });

  it("never puts the secret or the expected signature in a message", async () => {
    const result = await verify(await signed(), { integration: "github", secrets: ["wrong-secret-value"] });
    const expected = await signGithub("wrong-secret-value", body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).not.toContain("wrong-secret-value");
      expect(result.message).not.toContain(expected.slice(7, 20));
    }
  });
});

describe("verifyDelivery: Stripe", () => {
  const secret = "whsec_test_secret_for_switchyard";
  const payload = JSON.stringify({ id: "evt_1", object: "event", type: "payment_intent.succeeded" });
  const timestamp = 1_760_000_000;
  const now = timestamp * 1000 + 12_000;
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  const request = deliveryRequest({ headers: { "Stripe-Signature": header }, body: payload });

  it("accepts a header made by stripe's generateTestHeaderString", async () => {
    expect(await verify(request, { integration: "stripe", secrets: [secret], now })).toEqual({
      ok: true,
      scheme: "stripe_v1",
      secretIndex: 0,
    });
  });

  it("accepts any of several v1 values, as during Stripe's secret roll", async () => {
    const otherV1 = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_rolled", timestamp }).split(",v1=")[1];
    const twoValues = header.replace(",v1=", `,v1=${otherV1},v1=`);
    expect(twoValues.match(/v1=/g)).toHaveLength(2);
    expect(await verify(withHeader(request, "Stripe-Signature", twoValues), { integration: "stripe", secrets: [secret], now }))
      .toMatchObject({ ok: true, secretIndex: 0 });
  });

  it("accepts the previous secret during a rotation", async () => {
    expect(await verify(request, { integration: "stripe", secrets: ["whsec_new", secret], now })).toMatchObject({
      ok: true,
      secretIndex: 1,
    });
  });

  it("refuses a wrong secret and a tampered body", async () => {
    expect(await verify(request, { integration: "stripe", secrets: ["whsec_other"], now })).toMatchObject({
      reason: "bad_signature",
    });
    const tampered = withBody(request, payload.replace("succeeded", "canceled"));
    expect(await verify(tampered, { integration: "stripe", secrets: [secret], now })).toMatchObject({ reason: "bad_signature" });
  });

  it("refuses a timestamp more than 300 s away, either way", async () => {
    expect(await verify(request, { integration: "stripe", secrets: [secret], now: timestamp * 1000 + 300_000 })).toMatchObject({
      ok: true,
    });
    expect(await verify(request, { integration: "stripe", secrets: [secret], now: timestamp * 1000 + 301_000 })).toEqual({
      ok: false,
      reason: "stale_timestamp",
      message:
        "The Stripe-Signature timestamp is 301 s old, beyond the 300 s allowed: a replayed delivery, or a clock far off.",
    });
    expect(await verify(request, { integration: "stripe", secrets: [secret], now: timestamp * 1000 - 400_000 })).toMatchObject({
      reason: "stale_timestamp",
    });
  });

  it("refuses a missing header, a header without t= and one without v1=", async () => {
    const cases: [string | null, string][] = [
      [null, "missing_signature"],
      [header.replace(/^t=\d+,/, ""), "missing_timestamp"],
      [`t=${timestamp},v0=abc`, "malformed_signature"],
    ];
    for (const [value, reason] of cases) {
      const result = await verify(withHeader(request, "Stripe-Signature", value), { integration: "stripe", secrets: [secret], now });
      expect(result).toMatchObject({ ok: false, reason });
    }
  });
});

describe("verifyDelivery: Slack", () => {
  // The worked example of https://api.slack.com/authentication/verifying-requests-from-slack
  const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5";
  const timestamp = 1531420618;
  const body =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
    "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
    "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  const request = deliveryRequest({
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    },
    body,
  });
  const now = timestamp * 1000;

  it("accepts Slack's documented example", async () => {
    expect(await verify(request, { integration: "slack", secrets: [signingSecret], now })).toEqual({
      ok: true,
      scheme: "slack_v0",
      secretIndex: 0,
    });
  });

  it("accepts the previous signing secret during a rotation", async () => {
    expect(await verify(request, { integration: "slack", secrets: ["new-secret", signingSecret], now })).toMatchObject({
      ok: true,
      secretIndex: 1,
    });
  });

  it("refuses a wrong secret and a tampered body", async () => {
    expect(await verify(request, { integration: "slack", secrets: ["8f742231b10e8888abcd99yyyzzz85a6"], now })).toMatchObject({
      reason: "bad_signature",
    });
    const tampered = withBody(request, body.replace("roadrunner", "coyote"));
    expect(await verify(tampered, { integration: "slack", secrets: [signingSecret], now })).toMatchObject({
      reason: "bad_signature",
    });
  });

  it("refuses the example five minutes and a second later", async () => {
    expect(await verify(request, { integration: "slack", secrets: [signingSecret], now: now + 301_000 })).toMatchObject({
      reason: "stale_timestamp",
    });
  });

  it("refuses a missing signature and a missing timestamp", async () => {
    expect(await verify(withHeader(request, "X-Slack-Signature", null), { integration: "slack", secrets: [signingSecret], now }))
      .toMatchObject({ reason: "missing_signature" });
    expect(
      await verify(withHeader(request, "X-Slack-Request-Timestamp", null), { integration: "slack", secrets: [signingSecret], now }),
    ).toMatchObject({ reason: "missing_timestamp", message: "The X-Slack-Request-Timestamp header is missing." });
  });
});

describe("verifyDelivery: Standard Webhooks", () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const timestamp = 1614265330;
  const payload = '{"test": 2432232314}';
  const now = timestamp * 1000;
  const request = deliveryRequest({
    headers: {
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      // The example of the Standard Webhooks specification.
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    },
    body: payload,
  });

  it("accepts the specification's example", async () => {
    expect(await verify(request, { integration: "standard_webhooks", secrets: [secret], now })).toEqual({
      ok: true,
      scheme: "standard_webhooks_v1",
      secretIndex: 0,
    });
  });

  it("accepts one matching entry among several, and the previous secret", async () => {
    const previous = "whsec_" + Buffer.from("a previous key of 24 bytes").toString("base64");
    const signature = new Webhook(previous).sign(id, new Date(now), payload);
    const list = withHeader(request, "webhook-signature", `v1a,ignored v1,bm90IGl0 ${signature}`);
    expect(await verify(list, { integration: "standard_webhooks", secrets: [secret, previous], now })).toMatchObject({
      ok: true,
      secretIndex: 1,
    });
  });

  it("accepts Svix's svix-* headers", async () => {
    const svix = deliveryRequest({
      headers: { "svix-id": id, "svix-timestamp": String(timestamp), "svix-signature": request.header("webhook-signature") ?? "" },
      body: payload,
    });
    expect(await verify(svix, { integration: "standard_webhooks", secrets: [secret], now })).toMatchObject({ ok: true });
  });

  it("refuses a wrong secret, a tampered body and a changed webhook-id", async () => {
    const other = "whsec_" + Buffer.from("another key").toString("base64");
    expect(await verify(request, { integration: "standard_webhooks", secrets: [other], now })).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verify(withBody(request, '{"test": 1}'), { integration: "standard_webhooks", secrets: [secret], now }))
      .toMatchObject({ reason: "bad_signature" });
    expect(await verify(withHeader(request, "webhook-id", "msg_other"), { integration: "standard_webhooks", secrets: [secret], now }))
      .toMatchObject({ reason: "bad_signature" });
  });

  it("refuses more than 5 minutes away, either way", async () => {
    for (const offset of [301_000, -301_000]) {
      expect(await verify(request, { integration: "standard_webhooks", secrets: [secret], now: now + offset })).toMatchObject({
        reason: "stale_timestamp",
      });
    }
  });

  it("refuses missing headers", async () => {
    const cases = [
      ["webhook-signature", "missing_signature"],
      ["webhook-id", "missing_signature"],
      ["webhook-timestamp", "missing_timestamp"],
    ] as const;
    for (const [header, reason] of cases) {
      expect(await verify(withHeader(request, header, null), { integration: "standard_webhooks", secrets: [secret], now }))
        .toMatchObject({ reason });
    }
  });

  it("says so when no configured secret is a whsec_ key", async () => {
    expect(await verify(request, { integration: "standard_webhooks", secrets: ["whsec_!!not base64!!"], now })).toEqual({
      ok: false,
      reason: "no_secret",
      message: "No configured secret is a Standard Webhooks key (whsec_ followed by base64).",
    });
  });
});
