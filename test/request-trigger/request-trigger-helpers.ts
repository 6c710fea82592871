// Helpers for the Request trigger's tests: request-trigger workflows deployed in a project with a signing key,
// the real routes called in-process (as Next calls them), and the rows a call may write.
import { expect } from "vitest";
import { GET as getRunRoute } from "@/app/projects/[projectId]/sdk/runs/[runId]/route";
import { POST as triggerRoute } from "@/app/projects/[projectId]/sdk/triggers/[workflowId]/route";
import { db } from "@/lib/db/client";
import { createDeployedWorkflow } from "@/test/engine-factories";
import { callRoute } from "@/test/factories";

export type TStepInput = { id: string; [key: string]: unknown };

/** A Request-trigger graph whose steps follow one another from the trigger. */
export function requestGraph(steps: TStepInput[], trigger: Record<string, unknown> = {}) {
  return {
    trigger: { type: "request", method: "POST", ...trigger },
    steps,
    edges: steps.map((step, i) => ({ id: `e${i}`, source: i === 0 ? "trigger" : steps[i - 1].id, target: step.id })),
  };
}

export const fn = (id: string, code: string, params: Record<string, string> = {}) => ({
  id, name: id, type: "function", config: { code, params: Object.entries(params).map(([key, value]) => ({ key, value })) },
});

export const respond = (id: string, statusCode: number, body: string, headers: Record<string, string> = {}) => ({
  id, name: id, type: "response", config: { statusCode, body, headers: Object.entries(headers).map(([key, value]) => ({ key, value })) },
});

export const delay = (id: string, seconds: number) => ({ id, name: id, type: "delay", config: { value: seconds, unit: "seconds" } });

export async function deployRequestWorkflow(projectId: string, steps: TStepInput[], options: { trigger?: Record<string, unknown>; enabledForAllUsers?: boolean } = {}) {
  const { workflowId } = await createDeployedWorkflow({ projectId, graph: requestGraph(steps, options.trigger), enabledForAllUsers: options.enabledForAllUsers ?? true, name: "Request workflow" });
  return workflowId;
}

export type TCall = { token?: string; body?: unknown; rawBody?: string; query?: string; headers?: Record<string, string> };

/** POST /projects/:projectId/sdk/triggers/:workflowId through its route file; `query` is the raw query string. */
export function callTrigger(projectId: string, workflowId: string, call: TCall = {}) {
  const headers = { ...(call.token === undefined ? {} : { authorization: `Bearer ${call.token}` }), ...call.headers };
  const path = `/projects/${projectId}/sdk/triggers/${workflowId}${call.query ? `?${call.query}` : ""}`;
  return callRoute(triggerRoute, { method: "POST", path, params: { projectId, workflowId }, headers, body: call.body, rawBody: call.rawBody });
}

/** GET /projects/:projectId/sdk/runs/:runId through its route file. */
export function getRunStatus(projectId: string, runId: string, token: string) {
  return callRoute(getRunRoute, { path: `/projects/${projectId}/sdk/runs/${runId}`, params: { projectId, runId }, headers: { authorization: `Bearer ${token}` } });
}

export async function rowCounts(projectId: string) {
  const where = { where: { projectId } };
  const [runs, users, responses] = await Promise.all([db.run.count(where), db.connectedUser.count(where), db.runResponse.count(where)]);
  return { runs, users, responses };
}

/** Runs `action` and proves it wrote no Run, ConnectedUser or RunResponse row in `projectId`. */
export async function expectNothingWritten<T>(projectId: string, action: () => Promise<T>): Promise<T> {
  const before = await rowCounts(projectId);
  const result = await action();
  expect(await rowCounts(projectId)).toEqual(before);
  return result;
}

/** The exact status and body of a response. */
export const answer = (response: { status: number; body: unknown }) => ({ status: response.status, body: response.body });

export const errorBody = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });
