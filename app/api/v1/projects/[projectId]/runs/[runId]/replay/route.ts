// POST /api/v1/projects/:projectId/runs/:runId/replay — a new run with the same input, on the current or original version
import { projectRoute } from "@/lib/http/api-route";
import { opReplayRun } from "@/lib/openapi/operations-runs";
import { replayRun } from "@/lib/runs/replay-run";

export const POST = projectRoute(opReplayRun, async ({ project, params, body }) => {
  const started = await replayRun({ projectId: project.id, runId: params.runId, version: body.version });
  return Response.json(started, { status: 201 });
});
