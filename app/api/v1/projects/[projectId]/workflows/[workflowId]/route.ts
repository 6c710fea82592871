// GET /api/v1/projects/:projectId/workflows/:workflowId — one workflow with its draft; PATCH — save the
// draft (409 when it changed since draftRevision); DELETE — remove it with its versions and runs
import { projectRoute } from "@/lib/http/api-route";
import { opDeleteWorkflow, opGetWorkflow, opUpdateWorkflowDraft } from "@/lib/openapi/operations-workflows";
import { deleteWorkflow } from "@/lib/workflows/delete-workflow";
import { getWorkflow } from "@/lib/workflows/get-workflow";
import { updateWorkflowDraft } from "@/lib/workflows/update-workflow-draft";

export const GET = projectRoute(opGetWorkflow, async ({ project, params }) => {
  return Response.json(await getWorkflow({ projectId: project.id, workflowId: params.workflowId }));
});

export const PATCH = projectRoute(opUpdateWorkflowDraft, async ({ project, params, body }) => {
  return Response.json(await updateWorkflowDraft({ projectId: project.id, workflowId: params.workflowId, ...body }));
});

export const DELETE = projectRoute(opDeleteWorkflow, async ({ project, params }) => {
  await deleteWorkflow({ projectId: project.id, workflowId: params.workflowId });
  return new Response(null, { status: 204 });
});
