import { z } from "zod";

// The catalog of apps whose webhooks a trigger can receive, and the schema of a "custom" sender. Client-safe: the
// editor shows these, and lib/webhooks/ (server) verifies and reads deliveries with them.

export const WEBHOOK_INTEGRATIONS = [
  "github",
  "stripe",
  "slack",
  "shopify",
  "hubspot",
  "linear",
  "intercom",
  "zendesk",
  "jira",
  "twilio",
  "standard_webhooks",
  "salesforce",
  "custom",
] as const;
export const ZWebhookIntegration = z.enum(WEBHOOK_INTEGRATIONS);
export type TWebhookIntegration = z.infer<typeof ZWebhookIntegration>;
export type TWebhookPresetIntegration = Exclude<TWebhookIntegration, "custom">;

export const ZWebhookHeaderName = z
  .string()
  .trim()
  .min(1, "Enter a header name")
  .max(100, "Use at most 100 characters")
  .regex(/^[A-Za-z0-9-]+$/, "Use letters, digits and - only");

// A "*" segment stands for every element of an array; only delivery ids use it (the ids are joined with ",").
export const ZWebhookBodyPath = z
  .string()
  .trim()
  .min(1, "Enter a path such as event.type")
  .max(200, "Use at most 200 characters")
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, "Use a dot path such as event.type or 0.portalId");

export const ZWebhookFieldSource = z.discriminatedUnion("from", [
  z.object({ from: z.literal("header"), name: ZWebhookHeaderName }),
  z.object({ from: z.literal("body"), path: ZWebhookBodyPath }),
]);
export type TWebhookFieldSource = z.infer<typeof ZWebhookFieldSource>;

export type TWebhookPreset = {
  label: string;
  signature: string;
  signatureHeader: string | null;
  eventType: TWebhookFieldSource | null;
  /** null: the delivery id is "sha256:" + the hex SHA-256 of the raw body. */
  deliveryId: TWebhookFieldSource | null;
  commonEvents: { value: string; label: string }[];
  secretLabel: string | null;
  handshake: "slack_url_verification" | "salesforce_ack" | null;
  toleranceSeconds: number | null;
  userIdSuggestions: { label: string; from: "header" | "body"; path: string }[];
};

function events(pairs: [value: string, label: string][]): TWebhookPreset["commonEvents"] {
  return pairs.map(([value, label]) => ({ value, label }));
}

export const WEBHOOK_PRESETS: Record<TWebhookPresetIntegration, TWebhookPreset> = {
  github: {
    label: "GitHub",
    signature: "X-Hub-Signature-256 carries sha256= and the hex HMAC-SHA256 of the raw body, keyed with the webhook secret.",
    signatureHeader: "X-Hub-Signature-256",
    eventType: { from: "header", name: "X-GitHub-Event" },
    deliveryId: { from: "header", name: "X-GitHub-Delivery" },
    commonEvents: events([
      ["push", "Push"], ["pull_request", "Pull request"], ["pull_request_review", "Pull request review"],
      ["issues", "Issues"], ["issue_comment", "Issue comment"], ["create", "Branch or tag created"],
      ["delete", "Branch or tag deleted"], ["release", "Release"], ["workflow_run", "Workflow run"],
      ["check_suite", "Check suite"], ["deployment_status", "Deployment status"], ["star", "Star"],
      ["installation", "App installation"], ["repository", "Repository"], ["ping", "Ping (webhook created)"],
    ]),
    secretLabel: "Webhook secret", handshake: null, toleranceSeconds: null,
    userIdSuggestions: [
      { label: "GitHub App installation id", from: "body", path: "installation.id" },
      { label: "Organization id", from: "body", path: "organization.id" },
      { label: "Repository owner id", from: "body", path: "repository.owner.id" },
    ],
  },
  stripe: {
    label: "Stripe",
    signature: "Stripe-Signature carries t=<unix time> and one or more v1= hex HMAC-SHA256 of \"<t>.<raw body>\", keyed with the whsec_ signing secret; older than 5 minutes is refused.",
    signatureHeader: "Stripe-Signature",
    eventType: { from: "body", path: "type" },
    deliveryId: { from: "body", path: "id" },
    commonEvents: events([
      ["payment_intent.succeeded", "Payment succeeded"], ["payment_intent.payment_failed", "Payment failed"],
      ["charge.succeeded", "Charge succeeded"], ["charge.refunded", "Charge refunded"],
      ["charge.dispute.created", "Dispute opened"], ["checkout.session.completed", "Checkout completed"],
      ["customer.created", "Customer created"], ["customer.updated", "Customer updated"],
      ["customer.deleted", "Customer deleted"], ["customer.subscription.created", "Subscription created"],
      ["customer.subscription.updated", "Subscription updated"],
      ["customer.subscription.deleted", "Subscription ended"], ["invoice.paid", "Invoice paid"],
      ["invoice.payment_failed", "Invoice payment failed"], ["invoice.finalized", "Invoice finalized"],
      ["account.updated", "Connected account updated"],
    ]),
    secretLabel: "Signing secret", handshake: null, toleranceSeconds: 300,
    userIdSuggestions: [
      { label: "Connected account (Stripe Connect)", from: "body", path: "account" },
      { label: "Customer id of the object", from: "body", path: "data.object.customer" },
    ],
  },
  slack: {
    label: "Slack",
    signature: "X-Slack-Signature carries v0= and the hex HMAC-SHA256 of \"v0:<X-Slack-Request-Timestamp>:<raw body>\", keyed with the signing secret; older than 5 minutes is refused.",
    signatureHeader: "X-Slack-Signature",
    eventType: { from: "body", path: "event.type" },
    deliveryId: { from: "body", path: "event_id" },
    commonEvents: events([
      ["message", "Message"], ["app_mention", "App mentioned"], ["reaction_added", "Reaction added"],
      ["reaction_removed", "Reaction removed"], ["member_joined_channel", "Member joined channel"],
      ["member_left_channel", "Member left channel"], ["channel_created", "Channel created"],
      ["channel_rename", "Channel renamed"], ["team_join", "New workspace member"], ["user_change", "User changed"],
      ["app_home_opened", "App Home opened"], ["file_shared", "File shared"], ["link_shared", "Link shared"],
      ["app_uninstalled", "App uninstalled"], ["tokens_revoked", "Tokens revoked"],
    ]),
    secretLabel: "Signing secret", handshake: "slack_url_verification", toleranceSeconds: 300,
    userIdSuggestions: [
      { label: "Workspace (team) id", from: "body", path: "team_id" },
      { label: "Enterprise Grid id", from: "body", path: "enterprise_id" },
    ],
  },
  shopify: {
    label: "Shopify",
    signature: "X-Shopify-Hmac-Sha256 carries the base64 HMAC-SHA256 of the raw body, keyed with the app's client secret.",
    signatureHeader: "X-Shopify-Hmac-Sha256",
    eventType: { from: "header", name: "X-Shopify-Topic" },
    deliveryId: { from: "header", name: "X-Shopify-Webhook-Id" },
    commonEvents: events([
      ["orders/create", "Order created"], ["orders/updated", "Order updated"], ["orders/paid", "Order paid"],
      ["orders/cancelled", "Order cancelled"], ["orders/fulfilled", "Order fulfilled"],
      ["products/create", "Product created"], ["products/update", "Product updated"],
      ["products/delete", "Product deleted"], ["customers/create", "Customer created"],
      ["customers/update", "Customer updated"], ["checkouts/create", "Checkout created"],
      ["refunds/create", "Refund created"], ["fulfillments/create", "Fulfillment created"],
      ["inventory_levels/update", "Inventory level updated"], ["app/uninstalled", "App uninstalled"],
    ]),
    secretLabel: "Client secret", handshake: null, toleranceSeconds: null,
    userIdSuggestions: [{ label: "Shop domain", from: "header", path: "X-Shopify-Shop-Domain" }],
  },
  hubspot: {
    label: "HubSpot",
    signature: "X-HubSpot-Signature-v3 carries the base64 HMAC-SHA256 of method + URL + raw body + X-HubSpot-Request-Timestamp (ms), keyed with the app's client secret; older than 5 minutes is refused.",
    signatureHeader: "X-HubSpot-Signature-v3",
    // A delivery is a batch (a JSON array) of up to 100 events; the first one names the delivery.
    eventType: { from: "body", path: "0.subscriptionType" },
    deliveryId: { from: "body", path: "*.eventId" },
    commonEvents: events([
      ["contact.creation", "Contact created"], ["contact.deletion", "Contact deleted"],
      ["contact.propertyChange", "Contact property changed"], ["contact.merge", "Contacts merged"],
      ["contact.associationChange", "Contact association changed"], ["company.creation", "Company created"],
      ["company.deletion", "Company deleted"], ["company.propertyChange", "Company property changed"],
      ["deal.creation", "Deal created"], ["deal.deletion", "Deal deleted"],
      ["deal.propertyChange", "Deal property changed"], ["ticket.creation", "Ticket created"],
      ["ticket.propertyChange", "Ticket property changed"], ["conversation.creation", "Conversation created"],
      ["conversation.newMessage", "New conversation message"],
    ]),
    secretLabel: "Client secret", handshake: null, toleranceSeconds: 300,
    userIdSuggestions: [{ label: "HubSpot account (portal) id", from: "body", path: "0.portalId" }],
  },
  linear: {
    label: "Linear",
    signature: "Linear-Signature carries the hex HMAC-SHA256 of the raw body, keyed with the webhook signing secret; a webhookTimestamp more than a minute away is refused.",
    signatureHeader: "Linear-Signature",
    eventType: { from: "header", name: "Linear-Event" },
    deliveryId: { from: "header", name: "Linear-Delivery" },
    commonEvents: events([
      ["Issue", "Issue"], ["Comment", "Comment"], ["IssueLabel", "Issue label"], ["Reaction", "Reaction"],
      ["Project", "Project"], ["ProjectUpdate", "Project update"], ["Cycle", "Cycle"], ["Attachment", "Attachment"],
      ["Document", "Document"], ["Initiative", "Initiative"], ["Customer", "Customer"],
      ["CustomerNeed", "Customer request"], ["IssueSLA", "Issue SLA"],
    ]),
    secretLabel: "Signing secret", handshake: null, toleranceSeconds: 60,
    userIdSuggestions: [{ label: "Linear organization id", from: "body", path: "organizationId" }],
  },
  intercom: {
    label: "Intercom",
    signature: "X-Hub-Signature carries sha1= and the hex HMAC-SHA1 of the raw body, keyed with the app's client secret.",
    signatureHeader: "X-Hub-Signature",
    eventType: { from: "body", path: "topic" },
    deliveryId: { from: "body", path: "id" },
    commonEvents: events([
      ["conversation.user.created", "Conversation started by a contact"],
      ["conversation.user.replied", "Contact replied"], ["conversation.admin.replied", "Teammate replied"],
      ["conversation.admin.assigned", "Conversation assigned"], ["conversation.admin.noted", "Note added"],
      ["conversation.admin.closed", "Conversation closed"], ["conversation.admin.opened", "Conversation reopened"],
      ["conversation.admin.snoozed", "Conversation snoozed"],
      ["conversation_part.tag.created", "Conversation part tagged"], ["contact.user.created", "User created"],
      ["contact.lead.created", "Lead created"], ["contact.deleted", "Contact deleted"],
      ["company.created", "Company created"], ["ticket.created", "Ticket created"], ["ping", "Ping"],
    ]),
    secretLabel: "Client secret", handshake: null, toleranceSeconds: null,
    userIdSuggestions: [{ label: "Intercom workspace (app) id", from: "body", path: "app_id" }],
  },
  zendesk: {
    label: "Zendesk",
    signature: "X-Zendesk-Webhook-Signature carries the base64 HMAC-SHA256 of X-Zendesk-Webhook-Signature-Timestamp followed by the raw body, keyed with the webhook signing secret; older than 5 minutes is refused.",
    signatureHeader: "X-Zendesk-Webhook-Signature",
    eventType: { from: "body", path: "type" },
    deliveryId: { from: "header", name: "X-Zendesk-Webhook-Invocation-Id" },
    commonEvents: events([
      ["zen:event-type:ticket.created", "Ticket created"],
      ["zen:event-type:ticket.status_changed", "Ticket status changed"],
      ["zen:event-type:ticket.priority_changed", "Ticket priority changed"],
      ["zen:event-type:ticket.comment_added", "Ticket comment added"],
      ["zen:event-type:ticket.agent_assignment_changed", "Ticket assignee changed"],
      ["zen:event-type:ticket.group_assignment_changed", "Ticket group changed"],
      ["zen:event-type:ticket.tags_changed", "Ticket tags changed"],
      ["zen:event-type:ticket.soft_deleted", "Ticket deleted"], ["zen:event-type:user.created", "User created"],
      ["zen:event-type:user.deleted", "User deleted"],
      ["zen:event-type:user.active_changed", "User active status changed"],
      ["zen:event-type:organization.created", "Organization created"],
    ]),
    secretLabel: "Signing secret", handshake: null, toleranceSeconds: 300,
    userIdSuggestions: [{ label: "Zendesk account id", from: "body", path: "account_id" }],
  },
  jira: {
    label: "Jira",
    signature: "X-Hub-Signature carries sha256= and the hex HMAC-SHA256 of the raw body, keyed with the secret of an admin webhook.",
    signatureHeader: "X-Hub-Signature",
    eventType: { from: "body", path: "webhookEvent" },
    deliveryId: { from: "header", name: "X-Atlassian-Webhook-Identifier" },
    commonEvents: events([
      ["jira:issue_created", "Issue created"], ["jira:issue_updated", "Issue updated"],
      ["jira:issue_deleted", "Issue deleted"], ["comment_created", "Comment created"],
      ["comment_updated", "Comment updated"], ["comment_deleted", "Comment deleted"],
      ["worklog_created", "Work logged"], ["issuelink_created", "Issue link created"],
      ["attachment_created", "Attachment added"], ["sprint_started", "Sprint started"],
      ["sprint_closed", "Sprint completed"], ["project_created", "Project created"],
      ["jira:version_released", "Version released"], ["user_created", "User created"],
    ]),
    secretLabel: "Webhook secret", handshake: null, toleranceSeconds: null,
    // Jira payloads name no site or tenant id; the ids of the webhooks that matched are the closest thing.
    userIdSuggestions: [{ label: "Id of the webhook that matched", from: "body", path: "matchedWebhookIds.0" }],
  },
  twilio: {
    label: "Twilio",
    signature: "X-Twilio-Signature carries the base64 HMAC-SHA1 of the full URL followed by each POST parameter's name and value sorted by name (JSON bodies: the URL only, whose bodySHA256 must match the body), keyed with the auth token.",
    signatureHeader: "X-Twilio-Signature",
    eventType: { from: "body", path: "MessageStatus" },
    deliveryId: { from: "header", name: "I-Twilio-Idempotency-Token" },
    commonEvents: events([
      ["received", "Message received"], ["queued", "Message queued"], ["sent", "Message sent"],
      ["delivered", "Message delivered"], ["undelivered", "Message undelivered"], ["failed", "Message failed"],
      ["read", "Message read"], ["ringing", "Call ringing"], ["in-progress", "Call in progress"],
      ["completed", "Call completed"], ["busy", "Call busy"], ["no-answer", "Call not answered"],
    ]),
    secretLabel: "Auth token", handshake: null, toleranceSeconds: null,
    userIdSuggestions: [{ label: "Twilio account SID", from: "body", path: "AccountSid" }],
  },
  standard_webhooks: {
    label: "Standard Webhooks (Svix)",
    signature: "webhook-signature carries space-separated v1,<base64 HMAC-SHA256 of \"<webhook-id>.<webhook-timestamp>.<raw body>\">, keyed with the base64 key after whsec_; more than 5 minutes away is refused.",
    signatureHeader: "webhook-signature",
    eventType: { from: "body", path: "type" },
    deliveryId: { from: "header", name: "webhook-id" },
    // Event names are the sender's own; Standard Webhooks defines none.
    commonEvents: [],
    secretLabel: "Signing secret", handshake: null, toleranceSeconds: 300,
    userIdSuggestions: [],
  },
  salesforce: {
    label: "Salesforce Outbound Messages",
    signature: "Outbound Messages are unsigned SOAP; the OrganizationId they carry must be the configured organization's.",
    signatureHeader: null,
    eventType: { from: "body", path: "notifications.Notification.0.sObject.@type" },
    deliveryId: { from: "body", path: "notifications.Notification.*.Id" },
    commonEvents: events([
      ["Contact", "Contact"], ["Account", "Account"], ["Lead", "Lead"], ["Opportunity", "Opportunity"],
      ["Case", "Case"], ["Task", "Task"], ["Event", "Event"], ["Campaign", "Campaign"], ["Order", "Order"],
      ["Contract", "Contract"], ["User", "User"],
    ]),
    secretLabel: null, handshake: "salesforce_ack", toleranceSeconds: null,
    userIdSuggestions: [{ label: "Salesforce organization id", from: "body", path: "notifications.OrganizationId" }],
  },
};

const ZHmacVerification = z
  .object({
    mode: z.literal("hmac"),
    algorithm: z.enum(["sha1", "sha256", "sha512"]).default("sha256"),
    header: ZWebhookHeaderName,
    encoding: z.enum(["hex", "base64"]).default("hex"),
    prefix: z.string().max(50, "Use at most 50 characters").default(""),
    signedContent: z.enum(["body", "timestamp_body"]).default("body"),
    timestampHeader: ZWebhookHeaderName.optional(),
    separator: z.string().max(10, "Use at most 10 characters").default("."),
    toleranceSeconds: z.int().min(0).max(86_400, "Use at most 86400 seconds (a day)").default(300),
  })
  .refine((verification) => verification.signedContent !== "timestamp_body" || verification.timestampHeader, {
    path: ["timestampHeader"],
    message: "Name the header that carries the timestamp",
  });

export const ZCustomVerification = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("none") }),
  z.object({ mode: z.literal("secret_header"), header: ZWebhookHeaderName }),
  ZHmacVerification,
]);
export type TCustomVerification = z.infer<typeof ZCustomVerification>;

export const ZCustomWebhookOptions = z.object({
  verification: ZCustomVerification,
  challenge: z
    .object({
      enabled: z.boolean().default(false),
      queryParam: z
        .string()
        .trim()
        .min(1, "Enter a query parameter name")
        .max(100, "Use at most 100 characters")
        .regex(/^[A-Za-z0-9._~-]+$/, "Use letters, digits and . _ ~ - only")
        .default("challenge"),
    })
    .default({ enabled: false, queryParam: "challenge" }),
  eventType: ZWebhookFieldSource.nullable().default(null),
  deliveryId: ZWebhookFieldSource.nullable().default(null),
});
export type TCustomWebhookOptions = z.infer<typeof ZCustomWebhookOptions>;
