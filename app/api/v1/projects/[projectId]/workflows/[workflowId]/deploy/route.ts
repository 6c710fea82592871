// POST /api/v1/projects/:projectId/workflows/:workflowId/deploy — the draft becomes the next version
import { projectRoute } from "@/lib/http/api-route";
import { opDeployWorkflow } from "@/lib/openapi/operations-workflows";
import { deployWorkflow } from "@/lib/workflows/deploy-workflow";

export const POST = projectRoute(opDeployWorkflow, async ({ project, params, caller }) => {
  const createdById = caller.kind === "builder" ? caller.builderId : null;
  const version = await deployWorkflow({ projectId: project.id, workflowId: params.workflowId, createdById });
  return Response.json(version, { status: 201 });
});
