// POST /api/v1/projects/:projectId/workflows/:workflowId/undeploy — stop starting new runs
import { projectRoute } from "@/lib/http/api-route";
import { opUndeployWorkflow } from "@/lib/openapi/operations-workflows";
import { undeployWorkflow } from "@/lib/workflows/undeploy-workflow";

export const POST = projectRoute(opUndeployWorkflow, async ({ project, params }) => {
  return Response.json(await undeployWorkflow({ projectId: project.id, workflowId: params.workflowId }));
});
