// POST /api/v1/projects/:projectId/workflows/import — a new draft from an exported workflow document
import { projectRoute } from "@/lib/http/api-route";
import { opImportWorkflow } from "@/lib/openapi/operations-workflows";
import { importWorkflow } from "@/lib/workflows/import-workflow";

export const POST = projectRoute(opImportWorkflow, async ({ project, body }) => {
  return Response.json(await importWorkflow({ projectId: project.id, document: body }), { status: 201 });
});
