import "server-only";
import { parseDeliveryBody, readPath } from "@/lib/webhooks/read-delivery";
import { refused, verified } from "@/lib/webhooks/providers/signature-kit";
import type { TDeliveryRequest, TVerification } from "@/lib/webhooks/verify-delivery";

const ORGANIZATION_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

// Outbound Messages carry no signature; what can be checked is that the OrganizationId is the configured org's. The
// 18-character form adds a case-insensitivity checksum to the case-sensitive 15-character id, so the first 15 decide.
export function verifySalesforce(request: TDeliveryRequest, configuredOrganizationId: string | null): TVerification {
  const configured = configuredOrganizationId?.trim() ?? "";
  if (configured === "") {
    return refused("no_secret", "No Salesforce organization id is configured for this trigger, so the sender cannot be checked.");
  }
  if (!ORGANIZATION_ID.test(configured)) {
    return refused("no_secret", "The configured Salesforce organization id is not 15 or 18 letters and digits.");
  }
  const body = parseDeliveryBody(request);
  const sent = body.kind === "xml" ? readPath(body.value, "notifications.OrganizationId") : undefined;
  if (typeof sent !== "string" || !ORGANIZATION_ID.test(sent)) {
    return refused("malformed_signature", "The body is not a Salesforce Outbound Message with an OrganizationId.");
  }
  if (sent.slice(0, 15) !== configured.slice(0, 15)) {
    return refused("wrong_organization", `The message comes from Salesforce organization ${sent}, not the configured one.`);
  }
  return verified("salesforce_organization", null);
}
