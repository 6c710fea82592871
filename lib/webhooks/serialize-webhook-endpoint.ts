import "server-only";
import { openSecret } from "@/lib/crypto/secret-box";
import type { Prisma } from "@/lib/db/client";
import { type TWebhookEndpoint, ZWebhookEndpointOptions } from "@/lib/schemas/webhook-endpoint";
import type { TWebhookIntegration } from "@/lib/schemas/webhook-presets";
import { endpointPath } from "./endpoint-url";

export const webhookEndpointSelect = {
  id: true,
  projectId: true,
  integration: true,
  name: true,
  options: true,
  secretSealed: true,
  previousSecretExpiresAt: true,
  createdAt: true,
} satisfies Prisma.WebhookEndpointSelect;

export type TWebhookEndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof webhookEndpointSelect }>;

/** Never the secret itself: its last four characters, so a builder can tell which one is set. */
export function serializeWebhookEndpoint(row: TWebhookEndpointRow, origin: string): TWebhookEndpoint {
  const options = ZWebhookEndpointOptions.parse(row.options);
  return {
    id: row.id,
    integration: row.integration as TWebhookIntegration,
    name: row.name,
    url: `${origin}${endpointPath(row.projectId, row.id)}`,
    routing: options.routing,
    custom: options.custom ?? null,
    salesforceOrganizationId: options.salesforceOrganizationId,
    hasSecret: row.secretSealed !== null,
    secretHint: row.secretSealed ? openSecret(row.secretSealed).slice(-4) : null,
    previousSecretExpiresAt: row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > Date.now() ? row.previousSecretExpiresAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
