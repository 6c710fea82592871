// The workflow operations of the management API: drafts, deploys, versions, export and import.
import { z } from "zod";
import { ZUuid } from "@/lib/schemas/common";
import {
  ZCreateWorkflowRequest,
  ZDuplicateWorkflowRequest,
  ZListWorkflowsQuery,
  ZTestStepRequest,
  ZTestStepResult,
  ZUpdateWorkflowDraftRequest,
  ZWorkflow,
  ZWorkflowExport,
  ZWorkflowList,
  ZWorkflowVersion,
  ZWorkflowVersionList,
} from "@/lib/schemas/workflow-api";
import { defineOperation } from "./define-operation";

const ZProjectParams = z.object({ projectId: ZUuid });
const ZWorkflowParams = ZProjectParams.extend({ workflowId: ZUuid });
const ZWorkflowVersionParams = ZWorkflowParams.extend({ versionId: ZUuid });

const TAG = "Workflows";

export const opListWorkflows = defineOperation({
  id: "listWorkflows", method: "GET", path: "/projects/{projectId}/workflows", tag: TAG,
  summary: "List workflows with their trigger, deploy state, last run and runs of the last 24 h", params: ZProjectParams, query: ZListWorkflowsQuery,
  responses: { 200: ZWorkflowList }, errors: [404, 422],
});

export const opCreateWorkflow = defineOperation({
  id: "createWorkflow", method: "POST", path: "/projects/{projectId}/workflows", tag: TAG,
  summary: "Create a workflow (a draft until deployed)", params: ZProjectParams, body: ZCreateWorkflowRequest,
  responses: { 201: ZWorkflow }, errors: [400, 404, 413, 422],
});

export const opImportWorkflow = defineOperation({
  id: "importWorkflow", method: "POST", path: "/projects/{projectId}/workflows/import", tag: TAG,
  summary: "Create a workflow from an exported document (a draft until deployed)", params: ZProjectParams,
  body: ZWorkflowExport, responses: { 201: ZWorkflow }, errors: [400, 404, 413, 422],
});

export const opGetWorkflow = defineOperation({
  id: "getWorkflow", method: "GET", path: "/projects/{projectId}/workflows/{workflowId}", tag: TAG,
  summary: "Get a workflow with its draft graph", params: ZWorkflowParams,
  responses: { 200: ZWorkflow }, errors: [404],
});

export const opUpdateWorkflowDraft = defineOperation({
  id: "updateWorkflowDraft", method: "PATCH", path: "/projects/{projectId}/workflows/{workflowId}", tag: TAG,
  summary: "Save the draft; refused with 409 when it changed since the given draftRevision",
  params: ZWorkflowParams, body: ZUpdateWorkflowDraftRequest,
  responses: { 200: ZWorkflow }, errors: [400, 404, 409, 413, 422],
});

export const opDeleteWorkflow = defineOperation({
  id: "deleteWorkflow", method: "DELETE", path: "/projects/{projectId}/workflows/{workflowId}", tag: TAG,
  summary: "Delete a workflow with its versions, runs and user activations; it stops starting runs at once", params: ZWorkflowParams,
  responses: { 204: null }, errors: [404],
});

export const opDeployWorkflow = defineOperation({
  id: "deployWorkflow", method: "POST", path: "/projects/{projectId}/workflows/{workflowId}/deploy", tag: TAG,
  summary: "Deploy the draft as a new version; 422 lists what to fix, per step", params: ZWorkflowParams,
  responses: { 201: ZWorkflowVersion }, errors: [404, 409, 422],
});

export const opUndeployWorkflow = defineOperation({
  id: "undeployWorkflow", method: "POST", path: "/projects/{projectId}/workflows/{workflowId}/undeploy", tag: TAG,
  summary: "Stop starting new runs; runs already created finish on their version", params: ZWorkflowParams,
  responses: { 200: ZWorkflow }, errors: [404],
});

export const opListWorkflowVersions = defineOperation({
  id: "listWorkflowVersions", method: "GET", path: "/projects/{projectId}/workflows/{workflowId}/versions", tag: TAG,
  summary: "List deployed versions, newest first", params: ZWorkflowParams,
  responses: { 200: ZWorkflowVersionList }, errors: [404],
});

export const opGetWorkflowVersion = defineOperation({
  id: "getWorkflowVersion", method: "GET", path: "/projects/{projectId}/workflows/{workflowId}/versions/{versionId}",
  tag: TAG, summary: "Get a deployed version with its graph", params: ZWorkflowVersionParams,
  responses: { 200: ZWorkflowVersion }, errors: [404],
});

export const opExportWorkflow = defineOperation({
  id: "exportWorkflow", method: "GET", path: "/projects/{projectId}/workflows/{workflowId}/export", tag: TAG,
  summary: "Export the draft as a portable document", params: ZWorkflowParams,
  responses: { 200: ZWorkflowExport }, errors: [404],
});

export const opDuplicateWorkflow = defineOperation({
  id: "duplicateWorkflow", method: "POST", path: "/projects/{projectId}/workflows/{workflowId}/duplicate", tag: TAG,
  summary: "Copy the draft into a new draft workflow named “<name> (copy)” unless a name is given", params: ZWorkflowParams,
  body: ZDuplicateWorkflowRequest, responses: { 201: ZWorkflow }, errors: [400, 403, 404, 413, 422], requires: "builder",
});

export const opTestWorkflowStep = defineOperation({
  id: "testWorkflowStep", method: "POST", path: "/projects/{projectId}/workflows/{workflowId}/test-step", tag: TAG,
  summary: "Run one Request or Function step of the saved draft once with the given data; a failing step is a 200 with status failed",
  params: ZWorkflowParams, body: ZTestStepRequest, responses: { 200: ZTestStepResult }, errors: [400, 403, 404, 413, 422, 503],
  requires: "builder",
});

export const WORKFLOW_OPERATIONS = [
  opListWorkflows, opCreateWorkflow, opImportWorkflow, opGetWorkflow, opUpdateWorkflowDraft, opDeleteWorkflow,
  opDeployWorkflow, opUndeployWorkflow, opListWorkflowVersions, opGetWorkflowVersion, opExportWorkflow, opDuplicateWorkflow,
  opTestWorkflowStep,
];
