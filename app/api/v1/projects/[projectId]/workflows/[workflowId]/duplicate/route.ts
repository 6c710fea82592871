// POST /api/v1/projects/:projectId/workflows/:workflowId/duplicate — a new draft with a copy of this draft
import { projectRoute } from "@/lib/http/api-route";
import { opDuplicateWorkflow } from "@/lib/openapi/operations-workflows";
import { duplicateWorkflow } from "@/lib/workflows/duplicate-workflow";

export const POST = projectRoute(opDuplicateWorkflow, async ({ project, params, body }) => {
  const copy = await duplicateWorkflow({ projectId: project.id, workflowId: params.workflowId, name: body.name });
  return Response.json(copy, { status: 201 });
});
