// GET /api/v1/projects/:projectId/runs/:runId — one run with its graph and every step attempt
import { projectRoute } from "@/lib/http/api-route";
import { opGetRun } from "@/lib/openapi/operations-runs";
import { getRun } from "@/lib/runs/get-run";

export const GET = projectRoute(opGetRun, async ({ project, params }) => {
  return Response.json(await getRun({ projectId: project.id, runId: params.runId }));
});
