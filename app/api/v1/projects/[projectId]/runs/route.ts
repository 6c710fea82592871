// GET /api/v1/projects/:projectId/runs — Task History: runs newest first, filtered, a page at a time
import { projectRoute } from "@/lib/http/api-route";
import { opListRuns } from "@/lib/openapi/operations-runs";
import { listRuns } from "@/lib/runs/list-runs";

export const GET = projectRoute(opListRuns, async ({ project, query }) => {
  return Response.json(await listRuns({ projectId: project.id, ...query }));
});
