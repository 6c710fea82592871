import "server-only";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TWebhookEndpoint, TWebhookEndpointOptions, TWebhookRouting, TWebhookSecrets } from "@/lib/schemas/webhook-endpoint";
import type { TCustomWebhookOptions, TWebhookIntegration } from "@/lib/schemas/webhook-presets";
import { announceConfigChange } from "@/lib/sdk-config/config-changes";
import { generateWebhookSecret } from "./generate-webhook-secret";
import { serializeWebhookEndpoint, webhookEndpointSelect } from "./serialize-webhook-endpoint";

// Endpoints are read by the web processes from their cached project config: every write here announces the
// project in its own transaction, so a changed secret or routing applies on commit everywhere.

type TOptionsInput = { routing?: TWebhookRouting | null; custom?: TCustomWebhookOptions; salesforceOrganizationId?: string | null };

function mergeOptions(current: TWebhookEndpointOptions, input: TOptionsInput): TWebhookEndpointOptions {
  return {
    routing: input.routing === undefined ? current.routing : input.routing,
    custom: input.custom === undefined ? current.custom : input.custom,
    salesforceOrganizationId: input.salesforceOrganizationId === undefined ? current.salesforceOrganizationId : input.salesforceOrganizationId || null,
  };
}

export async function listWebhookEndpoints(projectId: string, origin: string): Promise<TWebhookEndpoint[]> {
  const rows = await db.webhookEndpoint.findMany({ where: { projectId }, select: webhookEndpointSelect, orderBy: [{ integration: "asc" }, { name: "asc" }] });
  return rows.map((row) => serializeWebhookEndpoint(row, origin));
}

export async function getWebhookEndpoint(options: { projectId: string; endpointId: string; origin: string }): Promise<TWebhookEndpoint> {
  const row = await db.webhookEndpoint.findFirst({ where: { id: options.endpointId, projectId: options.projectId }, select: webhookEndpointSelect });
  if (!row) throw notFound("Webhook endpoint");
  return serializeWebhookEndpoint(row, options.origin);
}

/** One endpoint per project and integration (per name for custom webhooks): a second one is a 409. */
export async function createWebhookEndpoint(
  options: TOptionsInput & { projectId: string; origin: string; integration: TWebhookIntegration; name?: string; secret?: string },
): Promise<TWebhookEndpoint> {
  const secret = options.secret ?? generateWebhookSecret(options.integration);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        projectId: options.projectId,
        integration: options.integration,
        name: options.integration === "custom" ? (options.name ?? "") : "",
        options: mergeOptions({ routing: null, salesforceOrganizationId: null }, options),
        secretSealed: sealSecret(secret),
      },
      select: webhookEndpointSelect,
    });
    await announceConfigChange(tx, options.projectId);
    return created;
  });
  return serializeWebhookEndpoint(row, options.origin);
}

export async function updateWebhookEndpoint(options: TOptionsInput & { projectId: string; endpointId: string; origin: string }): Promise<TWebhookEndpoint> {
  const row = await db.$transaction(async (tx) => {
    const current = await tx.webhookEndpoint.findFirst({ where: { id: options.endpointId, projectId: options.projectId }, select: { options: true } });
    if (!current) throw notFound("Webhook endpoint");
    const updated = await tx.webhookEndpoint.update({
      where: { id: options.endpointId, projectId: options.projectId },
      data: { options: mergeOptions(current.options as TWebhookEndpointOptions, options) },
      select: webhookEndpointSelect,
    });
    await announceConfigChange(tx, options.projectId);
    return updated;
  });
  return serializeWebhookEndpoint(row, options.origin);
}

/** Its deliveries stay in the Event Log; its URL answers 404 from the commit on. */
export async function deleteWebhookEndpoint(options: { projectId: string; endpointId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id: options.endpointId, projectId: options.projectId } });
    if (count === 0) throw notFound("Webhook endpoint");
    await announceConfigChange(tx, options.projectId);
  });
}

/**
 * A new secret (pasted or generated); the one it replaces is still accepted for `graceHours`, so the provider
 * can be switched over without refused deliveries. A rotation during a grace period ends that one.
 */
export async function rotateWebhookSecret(options: { projectId: string; endpointId: string; origin: string; secret?: string; graceHours: number }): Promise<TWebhookEndpoint> {
  const row = await db.$transaction(async (tx) => {
    const current = await tx.webhookEndpoint.findFirst({
      where: { id: options.endpointId, projectId: options.projectId },
      select: { integration: true, secretSealed: true },
    });
    if (!current) throw notFound("Webhook endpoint");
    const secret = options.secret ?? generateWebhookSecret(current.integration as TWebhookIntegration);
    const keepPrevious = current.secretSealed !== null && options.graceHours > 0;
    const updated = await tx.webhookEndpoint.update({
      where: { id: options.endpointId, projectId: options.projectId },
      data: {
        secretSealed: sealSecret(secret),
        previousSecretSealed: keepPrevious ? current.secretSealed : null,
        previousSecretExpiresAt: keepPrevious ? new Date(Date.now() + options.graceHours * 3_600_000) : null,
      },
      select: webhookEndpointSelect,
    });
    await announceConfigChange(tx, options.projectId);
    return updated;
  });
  return serializeWebhookEndpoint(row, options.origin);
}

/** The secrets in clear, for the builder to copy into the provider (builders only; never listed). */
export async function revealWebhookSecrets(options: { projectId: string; endpointId: string }): Promise<TWebhookSecrets> {
  const row = await db.webhookEndpoint.findFirst({
    where: { id: options.endpointId, projectId: options.projectId },
    select: { secretSealed: true, previousSecretSealed: true, previousSecretExpiresAt: true },
  });
  if (!row) throw notFound("Webhook endpoint");
  const inGrace = row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt.getTime() > Date.now();
  return {
    secret: row.secretSealed ? openSecret(row.secretSealed) : null,
    previousSecret: inGrace && row.previousSecretSealed ? openSecret(row.previousSecretSealed) : null,
    previousSecretExpiresAt: inGrace ? row.previousSecretExpiresAt!.toISOString() : null,
  };
}
