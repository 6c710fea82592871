// The columns through which dispatch finds a deployed workflow's listeners (lib/runs/dispatch-trigger.ts):
// written by deploy and cleared by undeploy, one place for every trigger type. Without "server-only", so
// the seed factories of tests and benchmarks write them the same way.
import type { TTrigger } from "@/lib/schemas/workflow";

export type TDeployedTriggerColumns = { triggerType: TTrigger["type"] | null; triggerAppEventId: string | null; triggerKey: string | null };

type TWebhookSource = Extract<TTrigger, { type: "webhook" }>["source"];

/** Every event of a webhook, in a trigger key: a delivery is dispatched under its event type and under this. */
export const ANY_WEBHOOK_EVENT = "*";

/**
 * Whose ids a delivery's routing looks up (ConnectedUserProviderId.provider), and the first part of a webhook
 * trigger's key: the integration's key, or "custom:<name>" for a custom webhook.
 */
export function webhookProviderKey(source: { integration: string; name: string }): string {
  return source.integration === "custom" ? `custom:${source.name}` : source.integration;
}

/** What a webhook trigger listens to: "<provider>:<event type>", or "<provider>:*" for all its events. */
export function webhookTriggerKey(source: TWebhookSource): string {
  if (source.kind === "custom") return `${webhookProviderKey({ integration: "custom", name: source.name })}:${ANY_WEBHOOK_EVENT}`;
  return `${source.integration}:${source.event.trim() || ANY_WEBHOOK_EVENT}`;
}

/**
 * What `trigger`, deployed on workflow `workflowId`, listens to: an App Event by its id; a webhook by its
 * provider and event; a schedule or a request by the workflow's own id.
 */
export function deployedTriggerColumns(workflowId: string, trigger: TTrigger): TDeployedTriggerColumns {
  if (trigger.type === "app_event") return { triggerType: "app_event", triggerAppEventId: trigger.appEventId, triggerKey: trigger.appEventId };
  if (trigger.type === "webhook") return { triggerType: "webhook", triggerAppEventId: null, triggerKey: webhookTriggerKey(trigger.source) };
  return { triggerType: trigger.type, triggerAppEventId: null, triggerKey: workflowId };
}

export const UNDEPLOYED_TRIGGER_COLUMNS: TDeployedTriggerColumns = { triggerType: null, triggerAppEventId: null, triggerKey: null };
