import "server-only";
import { sdkCallerRoute, sdkPreflightRoute, type TSdkRoute } from "@/lib/http/sdk-route";
import { answerOfRun } from "./answer-call";
import { callRequestTrigger } from "./call-request-trigger";
import { getSdkRun } from "./get-sdk-run";
import { readRequestCall } from "./read-request-call";

// The Request trigger's SDK routes. Two servers answer them with these handlers: their Next route files, and in
// production the web server's fast path (lib/http/fast-path-listener.ts).
//
// POST /projects/:projectId/sdk/triggers/:workflowId, with `Authorization: Bearer <user token>`: the reference
// product's path and method. What the call carries becomes the run's trigger: its JSON body (any JSON value;
// no body is {}) is {{trigger.body}}, its query string {{trigger.query}} (each parameter a string, a repeated
// one an array of strings), its headers {{trigger.headers}} (names in lower case, without Authorization,
// Cookie and the hop-by-hop headers). switchyard.workflow(id, { body, query, headers }) sends exactly that.
// Answers: the first Response step's status, headers and body as soon as the run reaches it; 202 { runId }
// when the workflow has no Response step (or the run ends without reaching one); 504 `timeout` and 502
// `run_failed` with details { runId, statusUrl }; 422 when the call breaks the trigger's schemas (details:
// [{ in, path, message }]); 404 for an unknown project, workflow (another project's included), or one not
// deployed or not started by a Request trigger; 403 when it does not run for this user; 401 for the token.
export const triggerWorkflow = sdkCallerRoute(async ({ request, userId }) => {
  const receivedAt = Date.now();
  const { projectId, workflowId } = request.params;
  const result = await callRequestTrigger({ projectId, workflowId, userExternalId: userId, input: await readRequestCall(request), receivedAt });
  return result.kind === "answered" ? answerOfRun(result.answer) : { status: 202, body: { runId: result.runId } };
});

// GET /projects/:projectId/sdk/runs/:runId: a run of the calling user, with its Response step's answer once
// it has one (the status URL of a call that timed out); 404 for any other run.
export const getRunStatus = sdkCallerRoute(async ({ request, userId }) => {
  const { projectId, runId } = request.params;
  return { status: 200, body: await getSdkRun({ projectId, runId, userExternalId: userId }) };
});

/** The preflight of a browser's call, which may carry any headers the workflow reads. */
export const requestTriggerPreflight: TSdkRoute = async (request) => {
  const preflight = await sdkPreflightRoute(request);
  const asked = request.header("access-control-request-headers");
  return asked ? { ...preflight, headers: { ...preflight.headers, "access-control-allow-headers": asked } } : preflight;
};
