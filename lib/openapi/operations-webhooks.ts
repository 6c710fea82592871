// Webhook endpoints: where integrations deliver (one per project and integration, one per custom webhook),
// their secrets and rotation, and the user-level URLs that workflows register.
import { z } from "zod";
import { ZUuid } from "@/lib/schemas/common";
import {
  ZCreateWebhookEndpointRequest,
  ZRotateWebhookSecretRequest,
  ZUpdateWebhookEndpointRequest,
  ZUserWebhookUrl,
  ZWebhookEndpoint,
  ZWebhookEndpointList,
  ZWebhookSecrets,
} from "@/lib/schemas/webhook-endpoint";
import { defineOperation } from "./define-operation";

const ZProjectParams = z.object({ projectId: ZUuid });
const ZEndpointParams = ZProjectParams.extend({ endpointId: ZUuid });

const TAG = "Webhook endpoints";

export const opListWebhookEndpoints = defineOperation({
  id: "listWebhookEndpoints", method: "GET", path: "/projects/{projectId}/webhook-endpoints", tag: TAG,
  summary: "List the project's webhook endpoints and their URLs (never their secrets)", params: ZProjectParams,
  responses: { 200: ZWebhookEndpointList }, errors: [404],
});

export const opCreateWebhookEndpoint = defineOperation({
  requires: "builder",
  id: "createWebhookEndpoint", method: "POST", path: "/projects/{projectId}/webhook-endpoints", tag: TAG,
  summary: "Add the endpoint of an integration (or a named custom webhook), with a pasted or generated secret",
  params: ZProjectParams, body: ZCreateWebhookEndpointRequest, responses: { 201: ZWebhookEndpoint }, errors: [403, 404, 409, 413, 422],
});

export const opGetWebhookEndpoint = defineOperation({
  id: "getWebhookEndpoint", method: "GET", path: "/projects/{projectId}/webhook-endpoints/{endpointId}", tag: TAG,
  summary: "Get a webhook endpoint", params: ZEndpointParams, responses: { 200: ZWebhookEndpoint }, errors: [404],
});

export const opUpdateWebhookEndpoint = defineOperation({
  requires: "builder",
  id: "updateWebhookEndpoint", method: "PATCH", path: "/projects/{projectId}/webhook-endpoints/{endpointId}", tag: TAG,
  summary: "Change how deliveries are routed to users, a custom webhook's verification, or Salesforce's organization id",
  params: ZEndpointParams, body: ZUpdateWebhookEndpointRequest, responses: { 200: ZWebhookEndpoint }, errors: [403, 404, 413, 422],
});

export const opDeleteWebhookEndpoint = defineOperation({
  requires: "builder",
  id: "deleteWebhookEndpoint", method: "DELETE", path: "/projects/{projectId}/webhook-endpoints/{endpointId}", tag: TAG,
  summary: "Delete an endpoint: its URL answers 404 from then on; its deliveries stay in the Event Log",
  params: ZEndpointParams, responses: { 204: null }, errors: [403, 404],
});

export const opRotateWebhookSecret = defineOperation({
  requires: "builder",
  id: "rotateWebhookSecret", method: "POST", path: "/projects/{projectId}/webhook-endpoints/{endpointId}/rotate-secret", tag: TAG,
  summary: "Replace the secret; the old one is still accepted for graceHours (default 24)",
  params: ZEndpointParams, body: ZRotateWebhookSecretRequest, responses: { 200: ZWebhookEndpoint }, errors: [403, 404, 413, 422],
});

export const opRevealWebhookSecrets = defineOperation({
  requires: "builder",
  id: "revealWebhookSecrets", method: "GET", path: "/projects/{projectId}/webhook-endpoints/{endpointId}/secret", tag: TAG,
  summary: "The endpoint's secret in clear (and the previous one during a rotation's grace period), to copy into the provider",
  params: ZEndpointParams, responses: { 200: ZWebhookSecrets }, errors: [403, 404],
});

export const opGetUserWebhookUrl = defineOperation({
  id: "getUserWebhookUrl", method: "GET", path: "/projects/{projectId}/webhook-endpoints/{endpointId}/user-urls/{userId}/{workflowId}", tag: TAG,
  summary: "The user-level URL of a custom webhook for one user and workflow: its deliveries go to that user and workflow only (the same URL every time)",
  params: ZEndpointParams.extend({
    userId: z.string().min(1).max(255).meta({ description: "The user's external id (the `sub` of their tokens), URL-encoded" }),
    workflowId: ZUuid,
  }),
  responses: { 200: ZUserWebhookUrl }, errors: [404, 422],
});

export const WEBHOOK_OPERATIONS = [
  opListWebhookEndpoints, opCreateWebhookEndpoint, opGetWebhookEndpoint, opUpdateWebhookEndpoint, opDeleteWebhookEndpoint,
  opRotateWebhookSecret, opRevealWebhookSecrets, opGetUserWebhookUrl,
];
