// GET /api/v1/projects/:projectId/workflows — list workflows (?q= searches names); POST — create a draft
import { projectRoute } from "@/lib/http/api-route";
import { opCreateWorkflow, opListWorkflows } from "@/lib/openapi/operations-workflows";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { listWorkflows } from "@/lib/workflows/list-workflows";

export const GET = projectRoute(opListWorkflows, async ({ project, query }) => {
  return Response.json({ workflows: await listWorkflows({ projectId: project.id, q: query.q }) });
});

export const POST = projectRoute(opCreateWorkflow, async ({ project, body }) => {
  return Response.json(await createWorkflow({ projectId: project.id, ...body }), { status: 201 });
});
