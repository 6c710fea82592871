// PUT /api/v1/projects/:projectId/users/:userId/workflows/:workflowId — switch a workflow on for a user
// (by external id; a new user is created) with their settings; DELETE — switch it off, keeping settings
import { disableUserWorkflow } from "@/lib/connected-users/disable-user-workflow";
import { enableUserWorkflow } from "@/lib/connected-users/enable-user-workflow";
import { projectRoute } from "@/lib/http/api-route";
import { opDisableUserWorkflow, opEnableUserWorkflow } from "@/lib/openapi/operations-users";

export const PUT = projectRoute(opEnableUserWorkflow, async ({ project, params, body }) => {
  const { userId: externalId, workflowId } = params;
  return Response.json(await enableUserWorkflow({ projectId: project.id, externalId, workflowId, settings: body.settings }));
});

export const DELETE = projectRoute(opDisableUserWorkflow, async ({ project, params }) => {
  const { userId: externalId, workflowId } = params;
  return Response.json(await disableUserWorkflow({ projectId: project.id, externalId, workflowId }));
});
