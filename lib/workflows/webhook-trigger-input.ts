// What `trigger` holds in a webhook-triggered run started by hand (a test run, a tested step) and in the
// variable picker: the delivery's shape (lib/webhooks/write-deliveries.ts builds the real one), its payload the
// builder's test data (a captured delivery's payload, with "Listen for test event"). Client-safe.
import type { TWebhookTrigger } from "@/lib/schemas/workflow";

export const WEBHOOK_TRIGGER_FIELDS = ["integration", "event", "deliveryId", "payload", "headers"] as const;

export function sampleWebhookTrigger(trigger: TWebhookTrigger, payload: unknown): Record<string, unknown> {
  const { source } = trigger;
  return {
    type: "webhook",
    integration: source.kind === "custom" ? "custom" : source.integration,
    event: source.kind === "custom" ? null : source.event,
    deliveryId: "test-delivery",
    payload: payload ?? {},
    headers: {},
  };
}
