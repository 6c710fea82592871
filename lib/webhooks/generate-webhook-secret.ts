import "server-only";
import { randomBytes } from "node:crypto";
import type { TWebhookIntegration } from "@/lib/schemas/webhook-presets";

/** A new secret in the form the provider's verifier expects: Standard Webhooks' `whsec_<base64>`, else hex. */
export function generateWebhookSecret(integration: TWebhookIntegration): string {
  if (integration === "standard_webhooks") return `whsec_${randomBytes(24).toString("base64")}`;
  return randomBytes(32).toString("hex");
}
