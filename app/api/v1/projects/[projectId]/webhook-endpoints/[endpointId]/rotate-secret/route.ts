// POST /api/v1/projects/:projectId/webhook-endpoints/:endpointId/rotate-secret — a new secret, the old one kept for a grace period
import { projectRoute } from "@/lib/http/api-route";
import { opRotateWebhookSecret } from "@/lib/openapi/operations-webhooks";
import { publicOrigin } from "@/lib/webhooks/endpoint-url";
import { rotateWebhookSecret } from "@/lib/webhooks/manage-webhook-endpoints";

export const POST = projectRoute(opRotateWebhookSecret, async ({ request, project, params, body }) => {
  return Response.json(await rotateWebhookSecret({ projectId: project.id, endpointId: params.endpointId, origin: publicOrigin(request), ...body }));
});
