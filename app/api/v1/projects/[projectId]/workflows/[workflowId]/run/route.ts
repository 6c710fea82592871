// POST /api/v1/projects/:projectId/workflows/:workflowId/run — run now: the deployed version, or a test run of the draft
import { projectRoute } from "@/lib/http/api-route";
import { opStartRun } from "@/lib/openapi/operations-runs";
import { startRun } from "@/lib/runs/start-run";

export const POST = projectRoute(opStartRun, async ({ project, params, body }) => {
  const started = await startRun({
    projectId: project.id,
    workflowId: params.workflowId,
    payload: body.payload,
    userExternalId: body.userId,
    source: body.source,
  });
  return Response.json(started, { status: 201 });
});
