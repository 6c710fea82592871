import "server-only";
import {
  WEBHOOK_PRESETS,
  type TCustomWebhookOptions,
  type TWebhookIntegration,
  type TWebhookPresetIntegration,
} from "@/lib/schemas/webhook-presets";
import { verifyCustom } from "@/lib/webhooks/providers/custom";
import { verifyGithub } from "@/lib/webhooks/providers/github";
import { verifyHubspot } from "@/lib/webhooks/providers/hubspot";
import { verifyIntercom, verifyJira, verifyLinear, verifyShopify } from "@/lib/webhooks/providers/body-signed";
import { verifySalesforce } from "@/lib/webhooks/providers/salesforce";
import { refused, type TVerifier } from "@/lib/webhooks/providers/signature-kit";
import { verifySlack } from "@/lib/webhooks/providers/slack";
import { verifyStandardWebhooks } from "@/lib/webhooks/providers/standard-webhooks";
import { verifyStripe } from "@/lib/webhooks/providers/stripe";
import { verifyTwilio } from "@/lib/webhooks/providers/twilio";
import { verifyZendesk } from "@/lib/webhooks/providers/zendesk";

export type TDeliveryRequest = {
  /** "POST", "GET"... */
  method: string;
  /** The full public URL as the provider called it, with its query string (Twilio and HubSpot sign it). */
  url: string;
  /** Lower-case name lookup; repeated fields joined by ", ". */
  header(name: string): string | null;
  /** The exact bytes received. */
  rawBody: Buffer;
};

export type TVerifyOptions = {
  integration: TWebhookIntegration;
  /** The current secret first, then a previous one during a rotation grace period; any may match. */
  secrets: string[];
  custom?: TCustomWebhookOptions;
  /** For "salesforce": the configured 18- (or 15-) character organization id. */
  salesforceOrganizationId?: string | null;
  /** ms since epoch. */
  now: number;
};

export type TVerification =
  | { ok: true; scheme: string; secretIndex: number | null }
  | {
      ok: false;
      reason:
        | "missing_signature"
        | "malformed_signature"
        | "bad_signature"
        | "missing_timestamp"
        | "stale_timestamp"
        | "wrong_organization"
        | "no_secret";
      message: string;
    };

const SIGNED_VERIFIERS: Record<Exclude<TWebhookPresetIntegration, "salesforce">, TVerifier> = {
  github: verifyGithub,
  stripe: verifyStripe,
  slack: verifySlack,
  shopify: verifyShopify,
  hubspot: verifyHubspot,
  linear: verifyLinear,
  intercom: verifyIntercom,
  zendesk: verifyZendesk,
  jira: verifyJira,
  twilio: verifyTwilio,
  standard_webhooks: verifyStandardWebhooks,
};

/** Checks that a delivery comes from the configured sender, on its raw bytes; never throws for a bad delivery. */
export async function verifyDelivery(request: TDeliveryRequest, options: TVerifyOptions): Promise<TVerification> {
  const { integration, secrets, now } = options;
  if (integration === "salesforce") return verifySalesforce(request, options.salesforceOrganizationId ?? null);
  if (integration === "custom") {
    if (!options.custom) return refused("no_secret", "This custom webhook trigger has no verification settings.");
    return verifyCustom({ request, secrets, now }, options.custom.verification);
  }
  if (!secrets.some((secret) => secret !== "")) {
    const preset = WEBHOOK_PRESETS[integration];
    const secretName = preset.secretLabel?.toLowerCase() ?? "secret";
    return refused("no_secret", `No ${secretName} is configured for this ${preset.label} trigger.`);
  }
  return SIGNED_VERIFIERS[integration]({ request, secrets, now });
}
