import "server-only";
import { randomUUID } from "node:crypto";
import { errorAnswer } from "@/lib/http/error-response";
import { AppError } from "@/lib/http/errors";
import type { TSdkAnswer, TSdkRequest } from "@/lib/http/sdk-route";
import { refuseUnstorableText } from "@/lib/http/storable-text";
import { ZUuid } from "@/lib/schemas/common";
import type { TDeliveryRecord } from "@/lib/schemas/webhook-endpoint";
import { WEBHOOK_PRESETS } from "@/lib/schemas/webhook-presets";
import { getProjectConfig, type TProjectConfig } from "@/lib/sdk-config/get-project-config";
import { acceptedSecrets, type TWebhookEndpointConfig } from "@/lib/sdk-config/webhook-endpoint-config";
import { readUserEndpointToken } from "./endpoint-url";
import { maskDeliveryHeaders } from "./mask-headers";
import { deliveryEventType, deliveryIdOf, handshakeAnswer, parseDeliveryBody, readPath, type TDeliveryBody } from "./read-delivery";
import { type TDeliveryRequest, verifyDelivery } from "./verify-delivery";
import { type TDeliveryRow, writeDelivery } from "./write-deliveries";

const utf8 = new TextDecoder("utf-8", { fatal: false });
const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

/**
 * A delivery from an integration, at /projects/{projectId}/webhooks/{endpointId}[/users/{token}]. Verified
 * on its raw bytes; a delivery that fails is recorded in the Event Log with the reason and answered 401, and
 * nothing else is written. A verified one is deduplicated by its delivery id (24 h), routed to its user and
 * dispatched to the workflows listening, all committed before the 2xx; its runs are queued, never run here.
 */
export async function receiveDelivery(request: TSdkRequest): Promise<TSdkAnswer> {
  try {
    refuseUnstorableText(request.params, "path");
    const { projectId, endpointId, userToken } = request.params;
    const config = ZUuid.safeParse(projectId).success && ZUuid.safeParse(endpointId).success ? await getProjectConfig(projectId) : null;
    const endpoint = config?.webhookEndpoints.get(endpointId);
    if (!config || !endpoint) throw new AppError("not_found", "Webhook endpoint not found");
    const userRoute = userToken === undefined ? null : readUserEndpointToken({ projectId, endpointId, token: userToken });
    if (userToken !== undefined && !userRoute) throw new AppError("not_found", "Webhook endpoint not found");
    const rawBody = await request.rawBody();
    const delivery: TDeliveryRequest = { method: request.method, url: absoluteUrl(request), header: request.header, rawBody };

    // Intercom checks a URL with a HEAD before it saves the webhook.
    if (request.method === "HEAD") return { status: 200 };
    if (request.method === "GET") {
      // Only a custom webhook's URL check is answered to a GET; providers deliver with POST.
      const challenge = endpoint.integration === "custom" ? handshakeAnswer("custom", { kind: "empty", value: null }, delivery, endpoint.options.custom) : null;
      if (!challenge) throw new AppError("method_not_allowed", "Send webhook deliveries with POST", { headers: { allow: "POST" } });
      return { status: challenge.status, text: challenge.body, headers: { "content-type": challenge.contentType, "x-content-type-options": "nosniff" } };
    }

    const verification = await verifyDelivery(delivery, {
      integration: endpoint.integration,
      secrets: acceptedSecrets(endpoint, Date.now()),
      custom: endpoint.options.custom,
      salesforceOrganizationId: endpoint.options.salesforceOrganizationId,
      now: Date.now(),
    });
    const body = parseDeliveryBody(delivery);
    // What PostgreSQL cannot store (a NUL, a lone surrogate escape) is refused before anything is written, as
    // every other route refuses it: the raw text and the parsed payload are both kept.
    const text = utf8.decode(rawBody);
    if (text.includes("\u0000")) refuseUnstorableText({ body: text }, "body");
    // Decoded from UTF-8, the text holds no lone surrogate, so only an escape can put one (or a NUL) in a JSON
    // payload: the walk over every value (forty times this test on a large body) is spared otherwise. A form's
    // %00 or an XML &#0; decodes to one too, so those are always walked.
    if (body.kind !== "json" || UNSTORABLE_ESCAPE.test(text)) refuseUnstorableText(body.value, "body");
    // Read from a refused delivery too, for the Event Log only: it names what the sender claimed to send.
    const eventType = deliveryEventType(endpoint.integration, body, delivery, endpoint.options.custom);
    const deliveryId = verification.ok ? deliveryIdOf(endpoint.integration, body, delivery, endpoint.options.custom) : null;
    const handshake = verification.ok ? handshakeAnswer(endpoint.integration, body, delivery, endpoint.options.custom) : null;
    const providerId = verification.ok && !userRoute ? routedProviderId(endpoint, body, delivery) : null;
    const headers = maskDeliveryHeaders(request.headerEntries(), secretHeaders(endpoint));
    const record: Omit<TDeliveryRecord, "duplicateOf"> = {
      endpointId,
      integration: endpoint.integration,
      deliveryId,
      eventType,
      method: request.method,
      path: request.url.split("?")[0],
      headers,
      body: text,
      verification: verification.ok
        ? { ok: true, scheme: verification.scheme, reason: null, message: null }
        : { ok: false, scheme: null, reason: verification.reason, message: verification.message },
      routing: { via: userRoute ? "user_url" : endpoint.options.routing ? "provider_id" : "none", providerId },
    };
    const isSalesforceAck = endpoint.integration === "salesforce" && handshake !== null;
    const row: TDeliveryRow = {
      eventId: randomUUID(),
      endpointId,
      integration: endpoint.integration,
      provider: endpoint.provider,
      // Salesforce's Ack answers every accepted message, so it is no reason to start nothing.
      status: !verification.ok ? "rejected" : handshake && !isSalesforceAck ? "handshake" : "pending",
      deliveryId,
      eventType,
      name: eventType ?? (handshake && !isSalesforceAck ? "(handshake)" : "(delivery)"),
      routeProviderId: providerId,
      routeUserId: userRoute?.connectedUserId ?? null,
      onlyWorkflowId: userRoute?.workflowId ?? null,
      payload: storablePayload(body),
      headers,
      delivery: record,
    };
    const response = await writeDelivery({ projectId, rateLimit: rateLimitOf(config), row });
    if (!verification.ok) {
      throw new AppError("unauthorized", verification.message, { details: { reason: verification.reason, eventId: response.eventId } });
    }
    if (handshake) return { status: handshake.status, text: handshake.body, headers: { "content-type": handshake.contentType } };
    return { status: 200, body: response };
  } catch (error) {
    return errorAnswer(error);
  }
}

function rateLimitOf(config: TProjectConfig) {
  return { key: `webhooks:${config.projectId}`, limit: config.eventRateLimitPerMinute, windowSeconds: 60 };
}

/** The URL as the provider called it, which Twilio and HubSpot sign. */
function absoluteUrl(request: TSdkRequest): string {
  const configured = process.env.PUBLIC_URL?.trim();
  if (configured) return new URL(request.url, configured).toString();
  const proto = request.header("x-forwarded-proto")?.split(",")[0].trim() || "http";
  const host = request.header("x-forwarded-host")?.split(",")[0].trim() || request.header("host") || "localhost";
  return `${proto}://${host}${request.url}`;
}

/** The user's id in the provider's system, where the endpoint's routing says; numbers are compared as text. */
function routedProviderId(endpoint: TWebhookEndpointConfig, body: TDeliveryBody, delivery: TDeliveryRequest): string | null {
  const routing = endpoint.options.routing;
  if (!routing) return null;
  const value = routing.from === "header" ? delivery.header(routing.path.toLowerCase()) : readPath(body.value, routing.path);
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return null;
}

function secretHeaders(endpoint: TWebhookEndpointConfig): string[] {
  const names: string[] = [];
  if (endpoint.integration !== "custom") {
    const header = WEBHOOK_PRESETS[endpoint.integration].signatureHeader;
    if (header) names.push(header);
  } else if (endpoint.options.custom?.verification.mode === "secret_header" || endpoint.options.custom?.verification.mode === "hmac") {
    names.push(endpoint.options.custom.verification.header);
  }
  return names;
}

/** What the Event Log and the runs keep as the payload: the parsed body, or its text when it does not parse. */
function storablePayload(body: TDeliveryBody): unknown {
  if (body.kind === "empty") return {};
  return body.value ?? null;
}
