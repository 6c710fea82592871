import "server-only";
import { openSecret } from "@/lib/crypto/secret-box";
import type { Prisma } from "@/lib/db/client";
import type { TWebhookIntegration } from "@/lib/schemas/webhook-presets";
import { type TWebhookEndpointOptions, ZWebhookEndpointOptions } from "@/lib/schemas/webhook-endpoint";
import { webhookProviderKey } from "@/lib/workflows/deployed-trigger";

/** What receiving a delivery needs of its endpoint, cached with the project's SDK config. */
export type TWebhookEndpointConfig = {
  id: string;
  integration: TWebhookIntegration;
  name: string;
  /** ConnectedUserProviderId.provider, and the first part of the trigger keys it dispatches under. */
  provider: string;
  options: TWebhookEndpointOptions;
  secret: string | null;
  previousSecret: string | null;
  /** ms since epoch; the previous secret is refused from then on. */
  previousSecretExpiresAt: number | null;
};

export const webhookEndpointConfigSelect = {
  id: true,
  integration: true,
  name: true,
  options: true,
  secretSealed: true,
  previousSecretSealed: true,
  previousSecretExpiresAt: true,
} satisfies Prisma.WebhookEndpointSelect;

type TEndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof webhookEndpointConfigSelect }>;

/** One endpoint whose stored options or secrets no longer read is left out (its deliveries get 404) and logged. */
export function readWebhookEndpointConfig(row: TEndpointRow): [string, TWebhookEndpointConfig][] {
  try {
    return [
      [
        row.id,
        {
          id: row.id,
          integration: row.integration as TWebhookIntegration,
          name: row.name,
          provider: webhookProviderKey(row),
          options: ZWebhookEndpointOptions.parse(row.options),
          secret: row.secretSealed ? openSecret(row.secretSealed) : null,
          previousSecret: row.previousSecretSealed ? openSecret(row.previousSecretSealed) : null,
          previousSecretExpiresAt: row.previousSecretExpiresAt?.getTime() ?? null,
        },
      ],
    ];
  } catch (error) {
    console.error(`[switchyard] webhook endpoint ${row.id} cannot be read and is ignored: ${(error as Error).message}`);
    return [];
  }
}

/** The secrets a delivery may be signed with now: the current one, then the previous one during its grace period. */
export function acceptedSecrets(endpoint: TWebhookEndpointConfig, now: number): string[] {
  const secrets = endpoint.secret ? [endpoint.secret] : [];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt !== null && now < endpoint.previousSecretExpiresAt) secrets.push(endpoint.previousSecret);
  return secrets;
}
