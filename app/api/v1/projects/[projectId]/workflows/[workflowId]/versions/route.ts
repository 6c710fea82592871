// GET /api/v1/projects/:projectId/workflows/:workflowId/versions — deployed versions, newest first
import { projectRoute } from "@/lib/http/api-route";
import { opListWorkflowVersions } from "@/lib/openapi/operations-workflows";
import { listWorkflowVersions } from "@/lib/workflows/list-workflow-versions";

export const GET = projectRoute(opListWorkflowVersions, async ({ project, params }) => {
  return Response.json({ versions: await listWorkflowVersions({ projectId: project.id, workflowId: params.workflowId }) });
});
