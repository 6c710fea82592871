// POST /api/v1/projects/:projectId/runs/:runId/cancel — stop a queued, running or waiting run
import { projectRoute } from "@/lib/http/api-route";
import { opCancelRun } from "@/lib/openapi/operations-runs";
import { cancelRun } from "@/lib/runs/cancel-run";
import { getRunSummary } from "@/lib/runs/get-run";

export const POST = projectRoute(opCancelRun, async ({ project, params }) => {
  const target = { projectId: project.id, runId: params.runId };
  await cancelRun(target);
  return Response.json(await getRunSummary(target));
});
