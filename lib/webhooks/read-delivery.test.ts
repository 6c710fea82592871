import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  WEBHOOK_PRESETS,
  ZCustomWebhookOptions,
  ZWebhookFieldSource,
  type TWebhookIntegration,
} from "@/lib/schemas/webhook-presets";
import { deliveryRequest } from "@/lib/webhooks/providers/delivery-request.test-kit";
import { deliveryEventType, deliveryIdOf, handshakeAnswer, parseDeliveryBody, readPath } from "@/lib/webhooks/read-delivery";

const json = { "Content-Type": "application/json" };
const form = { "Content-Type": "application/x-www-form-urlencoded" };

describe("parseDeliveryBody", () => {
  it.each([
    ["JSON", json, '{"a":[1,{"b":"c"}]}', { kind: "json", value: { a: [1, { b: "c" }] } }],
    ["JSON with a charset and a +json type", { "Content-Type": "application/cloudevents+json; charset=utf-8" }, "[1]", { kind: "json", value: [1] }],
    ["JSON that does not parse", json, "{nope", { kind: "text", value: "{nope" }],
    ["a form, a repeated field as an array", form, "a=1&b=x+y&a=2&c=%E2%9C%93", { kind: "form", value: { a: ["1", "2"], b: "x y", c: "✓" } }],
    ["untyped JSON", {}, ' {"a":1}', { kind: "json", value: { a: 1 } }],
    ["text/plain JSON (as SNS sends)", { "Content-Type": "text/plain" }, '{"Type":"Notification"}', { kind: "json", value: { Type: "Notification" } }],
    ["plain text", { "Content-Type": "text/plain" }, "hello", { kind: "text", value: "hello" }],
    ["XML", { "Content-Type": "application/xml" }, '<a x="1"><b>2</b><b>3</b></a>', { kind: "xml", value: { a: { "@x": "1", b: ["2", "3"] } } }],
    ["XML that is not well-formed", { "Content-Type": "text/xml" }, "<a><b></a>", { kind: "text", value: "<a><b></a>" }],
    ["XML with a DOCTYPE", { "Content-Type": "text/xml" }, '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', { kind: "text", value: '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>' }],
    ["an empty body", json, "", { kind: "empty", value: null }],
  ])("reads %s", (_name, headers, body, expected) => {
    expect(parseDeliveryBody(deliveryRequest({ headers, body }))).toEqual(expected);
  });

  it("keeps a form field named __proto__ as a field", () => {
    const { value } = parseDeliveryBody(deliveryRequest({ headers: form, body: "__proto__=x&a=1" }));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(readPath(value, "__proto__")).toBe("x");
  });
});

describe("readPath", () => {
  const value = [{ portalId: 62515, tags: ["a", "b"], nested: { "@type": "Contact", empty: "" } }];

  it.each([
    ["0.portalId", 62515],
    ["0.tags.1", "b"],
    ["0.nested.@type", "Contact"],
    ["0.nested.empty", ""],
    ["1.portalId", undefined],
    ["0.tags.x", undefined],
    ["portalId", undefined],
    ["0.portalId.length", undefined],
    ["0.constructor", undefined],
  ])("reads %s", (path, expected) => {
    expect(readPath(value, path)).toBe(expected);
  });

  it("indexes arrays only with numeric segments, and objects by key", () => {
    expect(readPath({ "0": "zero" }, "0")).toBe("zero");
    expect(readPath(["zero"], "length")).toBeUndefined();
  });
});

type TReadCase = {
  integration: TWebhookIntegration;
  headers?: Record<string, string>;
  body: string;
  eventType: string | null;
  deliveryId: string;
};

const READ_CASES: TReadCase[] = [
  { integration: "github", headers: { ...json, "X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958" }, body: '{"action":"opened"}', eventType: "pull_request", deliveryId: "72d3162e-cc78-11e3-81ab-4c9367dc0958" },
  { integration: "stripe", headers: json, body: '{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","type":"customer.created"}', eventType: "customer.created", deliveryId: "evt_1NG8Du2eZvKYlo2CUI79vXWy" },
  { integration: "slack", headers: json, body: '{"type":"event_callback","event_id":"Ev08MFMKH6","event":{"type":"app_mention"}}', eventType: "app_mention", deliveryId: "Ev08MFMKH6" },
  { integration: "shopify", headers: { ...json, "X-Shopify-Topic": "orders/create", "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" }, body: "{}", eventType: "orders/create", deliveryId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" },
  { integration: "hubspot", headers: json, body: '[{"eventId":100,"subscriptionType":"contact.creation","portalId":62515},{"eventId":101,"subscriptionType":"contact.propertyChange","portalId":62515}]', eventType: "contact.creation", deliveryId: "100,101" },
  { integration: "linear", headers: { ...json, "Linear-Event": "Issue", "Linear-Delivery": "234d1a4e-b617-4388-90fe-adc3633d6b72" }, body: '{"type":"Issue"}', eventType: "Issue", deliveryId: "234d1a4e-b617-4388-90fe-adc3633d6b72" },
  { integration: "intercom", headers: json, body: '{"type":"notification_event","topic":"conversation.user.created","id":"notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3"}', eventType: "conversation.user.created", deliveryId: "notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3" },
  { integration: "zendesk", headers: { ...json, "X-Zendesk-Webhook-Invocation-Id": "8350205582" }, body: '{"type":"zen:event-type:ticket.created","account_id":12514403}', eventType: "zen:event-type:ticket.created", deliveryId: "8350205582" },
  { integration: "jira", headers: { ...json, "X-Atlassian-Webhook-Identifier": "4837462" }, body: '{"webhookEvent":"jira:issue_created"}', eventType: "jira:issue_created", deliveryId: "4837462" },
  { integration: "twilio", headers: { ...form, "I-Twilio-Idempotency-Token": "f5bc2ec5-4a8a-4d5f-93d2-9e2d5f8f8a5e" }, body: "MessageSid=SM1&MessageStatus=delivered&AccountSid=AC1", eventType: "delivered", deliveryId: "f5bc2ec5-4a8a-4d5f-93d2-9e2d5f8f8a5e" },
  { integration: "twilio", headers: form, body: "CallSid=CA1&CallStatus=completed", eventType: "completed", deliveryId: sha256Id("CallSid=CA1&CallStatus=completed") },
  { integration: "standard_webhooks", headers: { ...json, "webhook-id": "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W" }, body: '{"type":"invoice.paid"}', eventType: "invoice.paid", deliveryId: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W" },
];

function sha256Id(body: string) {
  return `sha256:${createHash("sha256").update(body).digest("hex")}`;
}

describe("deliveryEventType and deliveryIdOf", () => {
  it.each(READ_CASES)("read $integration's $eventType", ({ integration, headers, body, eventType, deliveryId }) => {
    const request = deliveryRequest({ headers, body });
    const parsed = parseDeliveryBody(request);
    expect(deliveryEventType(integration, parsed, request)).toBe(eventType);
    expect(deliveryIdOf(integration, parsed, request)).toBe(deliveryId);
  });

  it("falls back to Slack's top-level type, and to the body's hash without an event_id", () => {
    const body = '{"type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}';
    const request = deliveryRequest({ headers: json, body });
    const parsed = parseDeliveryBody(request);
    expect(deliveryEventType("slack", parsed, request)).toBe("url_verification");
    expect(deliveryIdOf("slack", parsed, request)).toBe(sha256Id(body));
  });

  it("says null when a delivery names no event type", () => {
    const request = deliveryRequest({ headers: json, body: '{"a":1}' });
    expect(deliveryEventType("github", parseDeliveryBody(request), request)).toBeNull();
  });

  it("reads a custom sender's event type and delivery id where the builder says", () => {
    const custom = ZCustomWebhookOptions.parse({
      verification: { mode: "none" },
      eventType: { from: "body", path: "data.kind" },
      deliveryId: { from: "header", name: "X-Request-Id" },
    });
    const request = deliveryRequest({ headers: { ...json, "X-Request-Id": "req_7" }, body: '{"data":{"kind":"shipment.updated"}}' });
    const parsed = parseDeliveryBody(request);
    expect(deliveryEventType("custom", parsed, request, custom)).toBe("shipment.updated");
    expect(deliveryIdOf("custom", parsed, request, custom)).toBe("req_7");
    const unnamed = ZCustomWebhookOptions.parse({ verification: { mode: "none" } });
    expect(deliveryEventType("custom", parsed, request, unnamed)).toBeNull();
    expect(deliveryIdOf("custom", parsed, request, unnamed)).toBe(sha256Id('{"data":{"kind":"shipment.updated"}}'));
  });

  it("stores an over-long id as its hash", () => {
    const events = Array.from({ length: 40 }, (_, index) => ({ eventId: 1_000_000_000 + index }));
    const request = deliveryRequest({ headers: json, body: JSON.stringify(events) });
    const joined = events.map((event) => event.eventId).join(",");
    expect(joined.length).toBeGreaterThan(200);
    expect(deliveryIdOf("hubspot", parseDeliveryBody(request), request)).toBe(sha256Id(joined));
  });
});

describe("handshakeAnswer", () => {
  it("answers Slack's url_verification with the challenge as plain text", () => {
    const request = deliveryRequest({ headers: json, body: '{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRN","type":"url_verification"}' });
    expect(handshakeAnswer("slack", parseDeliveryBody(request), request)).toEqual({
      status: 200,
      contentType: "text/plain; charset=utf-8",
      body: "3eZbrw1aBm2rZgRN",
    });
    const event = deliveryRequest({ headers: json, body: '{"type":"event_callback","challenge":"x"}' });
    expect(handshakeAnswer("slack", parseDeliveryBody(event), event)).toBeNull();
  });

  it("echoes a custom sender's GET challenge when enabled", () => {
    const custom = ZCustomWebhookOptions.parse({ verification: { mode: "none" }, challenge: { enabled: true, queryParam: "hub.challenge" } });
    const request = deliveryRequest({ method: "GET", url: "https://switchyard.example.com/hooks/wh_1?hub.mode=subscribe&hub.challenge=1158201444" });
    expect(handshakeAnswer("custom", parseDeliveryBody(request), request, custom)).toEqual({
      status: 200,
      contentType: "text/plain; charset=utf-8",
      body: "1158201444",
    });
    const post = { ...request, method: "POST" };
    expect(handshakeAnswer("custom", parseDeliveryBody(post), post, custom)).toBeNull();
    const disabled = ZCustomWebhookOptions.parse({ verification: { mode: "none" } });
    expect(handshakeAnswer("custom", parseDeliveryBody(request), request, disabled)).toBeNull();
  });

  it("answers nothing for a provider without a handshake", () => {
    const request = deliveryRequest({ headers: json, body: '{"type":"url_verification","challenge":"x"}' });
    expect(handshakeAnswer("github", parseDeliveryBody(request), request)).toBeNull();
  });
});

describe("WEBHOOK_PRESETS", () => {
  it.each(Object.entries(WEBHOOK_PRESETS))("%s is consistent with the schemas", (integration, preset) => {
    if (preset.eventType) expect(ZWebhookFieldSource.parse(preset.eventType)).toEqual(preset.eventType);
    if (preset.deliveryId) expect(ZWebhookFieldSource.parse(preset.deliveryId)).toEqual(preset.deliveryId);
    const values = preset.commonEvents.map((event) => event.value);
    expect(new Set(values).size).toBe(values.length);
    if (integration !== "standard_webhooks") {
      expect(values.length).toBeGreaterThanOrEqual(8);
      expect(values.length).toBeLessThanOrEqual(20);
    }
    expect(preset.handshake === null).toBe(integration !== "slack" && integration !== "salesforce");
  });
});
