// GET /api/v1/projects/:projectId/webhook-endpoints/:endpointId — one endpoint; PATCH — change its routing or
// verification; DELETE — remove it
import { projectRoute } from "@/lib/http/api-route";
import { opDeleteWebhookEndpoint, opGetWebhookEndpoint, opUpdateWebhookEndpoint } from "@/lib/openapi/operations-webhooks";
import { publicOrigin } from "@/lib/webhooks/endpoint-url";
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/manage-webhook-endpoints";

export const GET = projectRoute(opGetWebhookEndpoint, async ({ request, project, params }) => {
  return Response.json(await getWebhookEndpoint({ projectId: project.id, endpointId: params.endpointId, origin: publicOrigin(request) }));
});

export const PATCH = projectRoute(opUpdateWebhookEndpoint, async ({ request, project, params, body }) => {
  return Response.json(await updateWebhookEndpoint({ projectId: project.id, endpointId: params.endpointId, origin: publicOrigin(request), ...body }));
});

export const DELETE = projectRoute(opDeleteWebhookEndpoint, async ({ project, params }) => {
  await deleteWebhookEndpoint({ projectId: project.id, endpointId: params.endpointId });
  return new Response(null, { status: 204 });
});
