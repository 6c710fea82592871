// GET /api/v1/projects/:projectId/workflows/:workflowId/export — the draft as a portable document
import { projectRoute } from "@/lib/http/api-route";
import { opExportWorkflow } from "@/lib/openapi/operations-workflows";
import { exportWorkflow } from "@/lib/workflows/export-workflow";

export const GET = projectRoute(opExportWorkflow, async ({ project, params }) => {
  return Response.json(await exportWorkflow({ projectId: project.id, workflowId: params.workflowId }));
});
