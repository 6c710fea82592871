// The connected-user operations of the management API: listing the SaaS app's users and switching
// workflows on and off for them.
import { z } from "zod";
import { ZUuid } from "@/lib/schemas/common";
import {
  ZConnectedUser,
  ZConnectedUserList,
  ZUpdateUserMetadataRequest,
  ZExternalUserId,
  ZListConnectedUsersQuery,
  ZSetWorkflowActivationRequest,
  ZWorkflowActivation,
} from "@/lib/schemas/connected-user";
import { defineOperation } from "./define-operation";

const ZProjectParams = z.object({ projectId: ZUuid });
const ZActivationParams = ZProjectParams.extend({
  userId: ZExternalUserId.meta({ description: "The user's external id (the `sub` of their tokens), URL-encoded" }),
  workflowId: ZUuid,
});

const TAG = "Connected users";

export const opListConnectedUsers = defineOperation({
  id: "listConnectedUsers", method: "GET", path: "/projects/{projectId}/users", tag: TAG,
  summary: "List connected users, newest first, a page at a time", params: ZProjectParams,
  query: ZListConnectedUsersQuery, responses: { 200: ZConnectedUserList }, errors: [404, 422],
});

export const opEnableUserWorkflow = defineOperation({
  id: "enableUserWorkflow", method: "PUT", path: "/projects/{projectId}/users/{userId}/workflows/{workflowId}", tag: TAG,
  summary: "Switch a workflow on for a user, with their settings; creates the user if they are new",
  params: ZActivationParams, body: ZSetWorkflowActivationRequest,
  responses: { 200: ZWorkflowActivation }, errors: [400, 404, 409, 413, 422],
});

export const opDisableUserWorkflow = defineOperation({
  id: "disableUserWorkflow", method: "DELETE", path: "/projects/{projectId}/users/{userId}/workflows/{workflowId}",
  tag: TAG, summary: "Switch a workflow off for a user, keeping their settings", params: ZActivationParams,
  responses: { 200: ZWorkflowActivation }, errors: [404],
});

export const opUpdateUserMetadata = defineOperation({
  id: "updateUserMetadata", method: "PATCH", path: "/projects/{projectId}/users/{userId}", tag: TAG,
  summary: "Merge into a user's metadata (creating the user if new); `meta.providerIds` sets their ids in integrations, by which webhooks are routed to them",
  params: ZProjectParams.extend({ userId: ZExternalUserId }), body: ZUpdateUserMetadataRequest,
  responses: { 200: ZConnectedUser }, errors: [400, 404, 409, 413, 422],
});

export const USER_OPERATIONS = [opListConnectedUsers, opUpdateUserMetadata, opEnableUserWorkflow, opDisableUserWorkflow];
