// GET /api/v1/projects/:projectId/workflows/:workflowId/versions/:versionId — one version with its graph
import { projectRoute } from "@/lib/http/api-route";
import { opGetWorkflowVersion } from "@/lib/openapi/operations-workflows";
import { getWorkflowVersion } from "@/lib/workflows/get-workflow-version";

export const GET = projectRoute(opGetWorkflowVersion, async ({ project, params }) => {
  const { workflowId, versionId } = params;
  return Response.json(await getWorkflowVersion({ projectId: project.id, workflowId, versionId }));
});
