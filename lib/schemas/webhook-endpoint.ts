// Webhook endpoints as the management API and the editor see them, and webhook deliveries as the Event Log
// records them. Client-safe.
import { z } from "zod";
import { ZIsoDateTime, ZUuid } from "./common";
import { ZCustomWebhookOptions, ZWebhookIntegration } from "./webhook-presets";

/** Where an app-level endpoint finds the provider's id of the user a delivery is for. */
export const ZWebhookRouting = z
  .object({
    from: z.enum(["header", "body"]),
    path: z
      .string()
      .trim()
      .min(1, "Enter a header name or a JSON path")
      .max(200)
      .meta({ description: "A header name, or a dot path into the JSON body (numeric segments index arrays: 0.portalId)" }),
  })
  .meta({ id: "WebhookRouting" });
export type TWebhookRouting = z.infer<typeof ZWebhookRouting>;

export const ZWebhookEndpointOptions = z.object({
  routing: ZWebhookRouting.nullable().default(null),
  custom: ZCustomWebhookOptions.optional(),
  salesforceOrganizationId: z.string().trim().max(18).nullable().default(null),
});
export type TWebhookEndpointOptions = z.infer<typeof ZWebhookEndpointOptions>;

export const ZCustomWebhookName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,99}$/, "Use letters, digits, _ . and - (at most 100), starting with a letter or digit");

const ZSecret = z.string().min(8, "A secret has at least 8 characters").max(1000);

export const ZCreateWebhookEndpointRequest = z
  .object({
    integration: ZWebhookIntegration,
    name: ZCustomWebhookName.optional().meta({ description: "Required for a custom webhook: the name its workflows' triggers use" }),
    routing: ZWebhookRouting.nullable().optional(),
    custom: ZCustomWebhookOptions.optional(),
    salesforceOrganizationId: z.string().trim().max(18).nullable().optional(),
    secret: ZSecret.optional().meta({ description: "The provider's signing secret, pasted; omit to generate one" }),
  })
  .refine((body) => body.integration !== "custom" || body.name !== undefined, { path: ["name"], message: "Name the custom webhook" })
  .meta({ id: "CreateWebhookEndpointRequest" });

export const ZUpdateWebhookEndpointRequest = z
  .object({
    routing: ZWebhookRouting.nullable().optional(),
    custom: ZCustomWebhookOptions.optional(),
    salesforceOrganizationId: z.string().trim().max(18).nullable().optional(),
  })
  .meta({ id: "UpdateWebhookEndpointRequest" });

export const ZRotateWebhookSecretRequest = z
  .object({
    secret: ZSecret.optional().meta({ description: "The new secret, pasted; omit to generate one" }),
    graceHours: z.int().min(0).max(168).default(24).meta({ description: "How long the old secret is still accepted" }),
  })
  .meta({ id: "RotateWebhookSecretRequest" });

export const ZWebhookEndpoint = z
  .object({
    id: ZUuid,
    integration: ZWebhookIntegration,
    name: z.string(),
    url: z.string().meta({ description: "Where the provider sends deliveries" }),
    routing: ZWebhookRouting.nullable(),
    custom: ZCustomWebhookOptions.nullable(),
    salesforceOrganizationId: z.string().nullable(),
    hasSecret: z.boolean(),
    secretHint: z.string().nullable().meta({ description: "The secret's last 4 characters" }),
    previousSecretExpiresAt: ZIsoDateTime.nullable().meta({ description: "Until when the secret before the last rotation is still accepted" }),
    createdAt: ZIsoDateTime,
  })
  .meta({ id: "WebhookEndpoint" });
export type TWebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;

export const ZWebhookEndpointList = z.object({ endpoints: z.array(ZWebhookEndpoint) }).meta({ id: "WebhookEndpointList" });

export const ZWebhookSecrets = z
  .object({ secret: z.string().nullable(), previousSecret: z.string().nullable(), previousSecretExpiresAt: ZIsoDateTime.nullable() })
  .meta({ id: "WebhookSecrets" });
export type TWebhookSecrets = z.infer<typeof ZWebhookSecrets>;

export const ZUserWebhookUrl = z.object({ url: z.string() }).meta({ id: "UserWebhookUrl" });

export const DELIVERY_STATUSES = ["accepted", "unrouted", "duplicate", "rejected", "handshake"] as const;
export const ZDeliveryStatus = z.enum(DELIVERY_STATUSES);
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;

/** What the Event Log keeps of a webhook delivery beside its payload (Event.delivery). */
export const ZDeliveryRecord = z
  .object({
    endpointId: ZUuid,
    integration: z.string(),
    deliveryId: z.string().nullable(),
    eventType: z.string().nullable(),
    method: z.string(),
    path: z.string(),
    headers: z.record(z.string(), z.string()).meta({ description: "As received, with secrets and signatures masked" }),
    body: z.string().meta({ description: "The raw body as text" }),
    verification: z.object({ ok: z.boolean(), scheme: z.string().nullable(), reason: z.string().nullable(), message: z.string().nullable() }),
    routing: z.object({ via: z.enum(["provider_id", "user_url", "none"]), providerId: z.string().nullable() }),
    duplicateOf: ZUuid.nullable(),
  })
  .meta({ id: "DeliveryRecord" });
export type TDeliveryRecord = z.infer<typeof ZDeliveryRecord>;

/** A webhook endpoint's answer to an accepted (or duplicate, or unrouted) delivery. */
export const ZDeliveryResponse = z
  .object({
    eventId: ZUuid,
    status: ZDeliveryStatus,
    runs: z.array(z.object({ runId: ZUuid, workflowId: ZUuid })),
  })
  .meta({ id: "DeliveryResponse" });
export type TDeliveryResponse = z.infer<typeof ZDeliveryResponse>;
