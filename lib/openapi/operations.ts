// Every operation of the management API. Routes under app/api/v1 are built from these, and
// /api/v1/openapi.json is generated from this list.
import { z } from "zod";
import { ZApiKeyList, ZCreateApiKeyRequest, ZCreatedApiKey, ZApiKey } from "@/lib/schemas/api-key";
import { ZUuid } from "@/lib/schemas/common";
import { ZCreateProjectRequest, ZProject, ZProjectList, ZUpdateProjectRequest } from "@/lib/schemas/project";
import {
  ZGenerateSigningKeyRequest,
  ZGeneratedSigningKey,
  ZImportSigningKeyRequest,
  ZSigningKey,
  ZSigningKeyList,
} from "@/lib/schemas/signing-key";
import { defineOperation } from "./define-operation";
import { APP_EVENT_OPERATIONS } from "./operations-app-events";
import { DESTINATION_OPERATIONS } from "./operations-destinations";
import { EVENT_OPERATIONS } from "./operations-events";
import { WEBHOOK_OPERATIONS } from "./operations-webhooks";
import { RUN_OPERATIONS } from "./operations-runs";
import { USER_OPERATIONS } from "./operations-users";
import { SCHEDULE_OPERATIONS } from "./operations-schedules";
import { WORKFLOW_OPERATIONS } from "./operations-workflows";

const ZProjectParams = z.object({ projectId: ZUuid });
const ZApiKeyParams = ZProjectParams.extend({ apiKeyId: ZUuid });
const ZSigningKeyParams = ZProjectParams.extend({ signingKeyId: ZUuid });

export const opListProjects = defineOperation({
  id: "listProjects", method: "GET", path: "/projects", tag: "Projects",
  summary: "List the projects the caller can reach",
  responses: { 200: ZProjectList }, errors: [],
});

export const opCreateProject = defineOperation({
  requires: "builder",
  id: "createProject", method: "POST", path: "/projects", tag: "Projects",
  summary: "Create a project; the signed-in builder becomes its owner",
  body: ZCreateProjectRequest, responses: { 201: ZProject }, errors: [400, 403, 413, 422],
});

export const opGetProject = defineOperation({
  id: "getProject", method: "GET", path: "/projects/{projectId}", tag: "Projects",
  summary: "Get a project", params: ZProjectParams, responses: { 200: ZProject }, errors: [404],
});

export const opUpdateProject = defineOperation({
  requires: "owner",
  id: "updateProject", method: "PATCH", path: "/projects/{projectId}", tag: "Projects",
  summary: "Rename a project or set the time zone of its schedules (owners only)", params: ZProjectParams, body: ZUpdateProjectRequest,
  responses: { 200: ZProject }, errors: [400, 403, 404, 413, 422],
});

export const opListApiKeys = defineOperation({
  requires: "builder",
  id: "listApiKeys", method: "GET", path: "/projects/{projectId}/api-keys", tag: "API keys",
  summary: "List API keys (never their secrets)", params: ZProjectParams,
  responses: { 200: ZApiKeyList }, errors: [403, 404],
});

export const opCreateApiKey = defineOperation({
  requires: "builder",
  id: "createApiKey", method: "POST", path: "/projects/{projectId}/api-keys", tag: "API keys",
  summary: "Create an API key; the secret is in this response only", params: ZProjectParams,
  body: ZCreateApiKeyRequest, responses: { 201: ZCreatedApiKey }, errors: [400, 403, 404, 413, 422],
});

export const opRevokeApiKey = defineOperation({
  requires: "builder",
  id: "revokeApiKey", method: "POST", path: "/projects/{projectId}/api-keys/{apiKeyId}/revoke", tag: "API keys",
  summary: "Revoke an API key; requests with it get 401 from then on", params: ZApiKeyParams,
  responses: { 200: ZApiKey }, errors: [403, 404],
});

export const opListSigningKeys = defineOperation({
  id: "listSigningKeys", method: "GET", path: "/projects/{projectId}/signing-keys", tag: "Signing keys",
  summary: "List the public keys that verify user tokens", params: ZProjectParams,
  responses: { 200: ZSigningKeyList }, errors: [404],
});

export const opGenerateSigningKey = defineOperation({
  requires: "builder",
  id: "generateSigningKey", method: "POST", path: "/projects/{projectId}/signing-keys", tag: "Signing keys",
  summary: "Generate an RS256 key pair; the private key is in this response only and is never stored",
  params: ZProjectParams, body: ZGenerateSigningKeyRequest,
  responses: { 201: ZGeneratedSigningKey }, errors: [400, 403, 404, 413, 422],
});

export const opImportSigningKey = defineOperation({
  requires: "builder",
  id: "importSigningKey", method: "POST", path: "/projects/{projectId}/signing-keys/import", tag: "Signing keys",
  summary: "Register a public key (PEM or JWK) of a key pair you keep yourself",
  params: ZProjectParams, body: ZImportSigningKeyRequest,
  responses: { 201: ZSigningKey }, errors: [400, 403, 404, 409, 413, 422],
});

export const opRevokeSigningKey = defineOperation({
  requires: "builder",
  id: "revokeSigningKey", method: "POST", path: "/projects/{projectId}/signing-keys/{signingKeyId}/revoke",
  tag: "Signing keys", summary: "Revoke a signing key; tokens it signed stop verifying",
  params: ZSigningKeyParams, responses: { 200: ZSigningKey }, errors: [403, 404],
});

export const OPERATIONS = [
  opListProjects, opCreateProject, opGetProject, opUpdateProject,
  opListApiKeys, opCreateApiKey, opRevokeApiKey,
  opListSigningKeys, opGenerateSigningKey, opImportSigningKey, opRevokeSigningKey,
  ...WORKFLOW_OPERATIONS,
  ...SCHEDULE_OPERATIONS,
  ...APP_EVENT_OPERATIONS,
  ...USER_OPERATIONS,
  ...RUN_OPERATIONS,
  ...DESTINATION_OPERATIONS,
  ...EVENT_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
];
