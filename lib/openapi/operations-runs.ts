// Operations of runs and Task History: listing and inspecting runs, replaying and cancelling them, and
// starting one by hand ("run now").
import { z } from "zod";
import { ZUuid } from "@/lib/schemas/common";
import {
  ZReplayRunRequest,
  ZRunDetail,
  ZRunList,
  ZRunListQuery,
  ZRunSummary,
  ZStartRunRequest,
  ZStartedRun,
} from "@/lib/schemas/run";
import { defineOperation } from "./define-operation";

const ZProjectParams = z.object({ projectId: ZUuid });
const ZRunParams = ZProjectParams.extend({ runId: ZUuid });
const ZWorkflowParams = ZProjectParams.extend({ workflowId: ZUuid });

const TAG = "Runs";

export const opListRuns = defineOperation({
  id: "listRuns", method: "GET", path: "/projects/{projectId}/runs", tag: TAG,
  summary: "List runs, newest first, a page at a time; every filter narrows the list", params: ZProjectParams,
  query: ZRunListQuery, responses: { 200: ZRunList }, errors: [404, 422],
});

export const opGetRun = defineOperation({
  id: "getRun", method: "GET", path: "/projects/{projectId}/runs/{runId}", tag: TAG,
  summary: "Get a run with its version's graph and every attempt of every step (input, output, error, logs)",
  params: ZRunParams, responses: { 200: ZRunDetail }, errors: [404],
});

export const opReplayRun = defineOperation({
  id: "replayRun", method: "POST", path: "/projects/{projectId}/runs/{runId}/replay", tag: TAG,
  summary: "Run a past run's input again, on the version deployed now (default) or on the version it ran",
  params: ZRunParams, body: ZReplayRunRequest,
  responses: { 201: ZStartedRun }, errors: [400, 404, 409, 413, 422],
});

export const opCancelRun = defineOperation({
  id: "cancelRun", method: "POST", path: "/projects/{projectId}/runs/{runId}/cancel", tag: TAG,
  summary: "Cancel a queued, running or waiting run; 409 when it has already finished",
  params: ZRunParams, responses: { 200: ZRunSummary }, errors: [404, 409],
});

export const opStartRun = defineOperation({
  id: "startRun", method: "POST", path: "/projects/{projectId}/workflows/{workflowId}/run", tag: TAG,
  summary: "Run a workflow now, outside its trigger: its deployed version, or a test run of its draft",
  params: ZWorkflowParams, body: ZStartRunRequest,
  responses: { 201: ZStartedRun }, errors: [400, 404, 409, 413, 422],
});

export const RUN_OPERATIONS = [opListRuns, opGetRun, opReplayRun, opCancelRun, opStartRun];
