import "server-only";
import {
  WEBHOOK_PRESETS,
  type TCustomWebhookOptions,
  type TWebhookFieldSource,
  type TWebhookIntegration,
} from "@/lib/schemas/webhook-presets";
import { sha256Hex } from "@/lib/webhooks/providers/signature-kit";
import { parseXmlBody } from "@/lib/webhooks/providers/xml-body";
import type { TDeliveryRequest } from "@/lib/webhooks/verify-delivery";

export type TDeliveryBody = { kind: "json" | "form" | "xml" | "text" | "empty"; value: unknown };
export type THandshakeAnswer = { status: number; contentType: string; body: string };

export const SALESFORCE_ACK =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">\n' +
  "  <soapenv:Body>\n" +
  '    <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">\n' +
  "      <Ack>true</Ack>\n" +
  "    </notificationsResponse>\n" +
  "  </soapenv:Body>\n" +
  "</soapenv:Envelope>\n";

// Event types that live elsewhere when the preset's own path is absent: Slack's top-level type (url_verification,
// app_rate_limited) and slash commands; Twilio's voice and incoming-message callbacks.
const EVENT_TYPE_FALLBACK_PATHS: Partial<Record<TWebhookIntegration, string[]>> = {
  slack: ["type", "command"],
  twilio: ["CallStatus", "SmsStatus"],
};

// A Salesforce batch of 100 notifications joins 100 ids; past this length an id is stored as its hash.
const MAX_DELIVERY_ID_LENGTH = 200;
const MAX_CHALLENGE_LENGTH = 1000;

/**
 * The body as the Content-Type says: JSON, form fields (a repeated field becomes an array), XML (see xml-body.ts for
 * its JSON shape) or text. A body that does not parse as what it claims is text; without a Content-Type, or as
 * text/plain, a body that parses as a JSON object or array is JSON.
 */
export function parseDeliveryBody(request: TDeliveryRequest): TDeliveryBody {
  if (request.rawBody.length === 0) return { kind: "empty", value: null };
  const text = request.rawBody.toString("utf8");
  const mediaType = request.header("content-type")?.split(";")[0].trim().toLowerCase() ?? "";
  if (mediaType === "application/json" || mediaType.endsWith("+json")) return jsonOrText(text);
  if (mediaType === "" || mediaType === "text/plain") {
    return /^\s*[[{]/.test(text) ? jsonOrText(text) : { kind: "text", value: text };
  }
  if (mediaType === "application/x-www-form-urlencoded") return { kind: "form", value: formFields(text) };
  if (mediaType === "text/xml" || mediaType === "application/xml" || mediaType.endsWith("+xml")) {
    const value = parseXmlBody(text);
    return value === undefined ? { kind: "text", value: text } : { kind: "xml", value };
  }
  return { kind: "text", value: text };
}

/** The delivery's event type (GitHub's X-GitHub-Event, Stripe's type...), or null when it names none. */
export function deliveryEventType(
  integration: TWebhookIntegration,
  body: TDeliveryBody,
  request: TDeliveryRequest,
  custom?: TCustomWebhookOptions,
): string | null {
  const source = integration === "custom" ? (custom?.eventType ?? null) : WEBHOOK_PRESETS[integration].eventType;
  const found = source === null ? null : readField(source, body, request);
  if (found !== null) return found;
  for (const path of EVENT_TYPE_FALLBACK_PATHS[integration] ?? []) {
    const fallback = readField({ from: "body", path }, body, request);
    if (fallback !== null) return fallback;
  }
  return null;
}

/** The provider's delivery id, the same across its retries; without one, "sha256:" + the hex SHA-256 of the raw body. */
export function deliveryIdOf(
  integration: TWebhookIntegration,
  body: TDeliveryBody,
  request: TDeliveryRequest,
  custom?: TCustomWebhookOptions,
): string {
  const source = integration === "custom" ? (custom?.deliveryId ?? null) : WEBHOOK_PRESETS[integration].deliveryId;
  const id = source === null ? null : readField(source, body, request);
  if (id === null) return `sha256:${sha256Hex(request.rawBody)}`;
  return id.length <= MAX_DELIVERY_ID_LENGTH ? id : `sha256:${sha256Hex(id)}`;
}

/** The value at a dot path; numeric segments index arrays ("0.portalId"). undefined when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split(".")) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isRecord(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

/**
 * The reply a handshake expects instead of the usual acknowledgement: Slack's url_verification challenge, the SOAP
 * Ack a Salesforce Outbound Message waits for (until it gets one, Salesforce retries), or a custom sender's GET
 * ?<queryParam>= echo. null when the delivery is no handshake.
 */
export function handshakeAnswer(
  integration: TWebhookIntegration,
  body: TDeliveryBody,
  request: TDeliveryRequest,
  custom?: TCustomWebhookOptions,
): THandshakeAnswer | null {
  if (integration === "slack" && body.kind === "json" && readPath(body.value, "type") === "url_verification") {
    const challenge = readPath(body.value, "challenge");
    // Slack accepts the challenge back as plain text.
    if (typeof challenge === "string") return { status: 200, contentType: "text/plain; charset=utf-8", body: challenge };
  }
  if (integration === "salesforce" && body.kind === "xml" && readPath(body.value, "notifications") !== undefined) {
    return { status: 200, contentType: "text/xml; charset=utf-8", body: SALESFORCE_ACK };
  }
  if (integration === "custom" && custom?.challenge.enabled && request.method.toUpperCase() === "GET") {
    const challenge = queryParam(request.url, custom.challenge.queryParam);
    if (challenge !== null && challenge.length <= MAX_CHALLENGE_LENGTH) {
      return { status: 200, contentType: "text/plain; charset=utf-8", body: challenge };
    }
  }
  return null;
}

function readField(source: TWebhookFieldSource, body: TDeliveryBody, request: TDeliveryRequest): string | null {
  if (source.from === "header") return scalarText(request.header(source.name.toLowerCase()));
  const segments = source.path.split(".");
  const texts = readEvery(body.value, segments)
    .map(scalarText)
    .filter((text): text is string => text !== null);
  if (texts.length === 0) return null;
  return segments.includes("*") ? texts.join(",") : texts[0];
}

/** readPath where a "*" segment stands for every element of an array. */
function readEvery(value: unknown, segments: string[]): unknown[] {
  if (segments.length === 0) return [value];
  const [head, ...rest] = segments;
  if (head === "*") return Array.isArray(value) ? value.flatMap((element) => readEvery(element, rest)) : [];
  const next = readPath(value, head);
  return next === undefined ? [] : readEvery(next, rest);
}

function scalarText(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return null;
  const text = String(value).trim();
  return text === "" ? null : text;
}

function jsonOrText(text: string): TDeliveryBody {
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "text", value: text };
  }
}

function formFields(text: string): Record<string, string | string[]> {
  const fields = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(text)) fields.set(name, [...(fields.get(name) ?? []), value]);
  // fromEntries defines own properties, so a field named __proto__ stays a field.
  return Object.fromEntries([...fields].map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
}

function queryParam(url: string, name: string): string | null {
  try {
    return new URL(url).searchParams.get(name);
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
