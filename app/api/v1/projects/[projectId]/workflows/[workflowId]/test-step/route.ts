// POST /api/v1/projects/:projectId/workflows/:workflowId/test-step — run one step of the saved draft once, unrecorded
import { projectRoute } from "@/lib/http/api-route";
import { opTestWorkflowStep } from "@/lib/openapi/operations-workflows";
import { testWorkflowStep } from "@/lib/workflows/test-workflow-step";

export const POST = projectRoute(opTestWorkflowStep, async ({ project, params, body }) => {
  return Response.json(await testWorkflowStep({ projectId: project.id, workflowId: params.workflowId, ...body }));
});
