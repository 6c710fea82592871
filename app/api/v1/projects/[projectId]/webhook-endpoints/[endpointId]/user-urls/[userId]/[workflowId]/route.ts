// GET /api/v1/projects/:projectId/webhook-endpoints/:endpointId/user-urls/:userId/:workflowId — a custom webhook's
// user-level URL for one user (their external id) and workflow
import { projectRoute } from "@/lib/http/api-route";
import { opGetUserWebhookUrl } from "@/lib/openapi/operations-webhooks";
import { publicOrigin } from "@/lib/webhooks/endpoint-url";
import { getUserWebhookUrl } from "@/lib/webhooks/get-user-webhook-url";

export const GET = projectRoute(opGetUserWebhookUrl, async ({ request, project, params }) => {
  return Response.json(await getUserWebhookUrl({ ...params, projectId: project.id, origin: publicOrigin(request) }));
});
