// GET /api/v1/projects/:projectId/webhook-endpoints/:endpointId/secret — the secret in clear, for a builder to copy
import { projectRoute } from "@/lib/http/api-route";
import { opRevealWebhookSecrets } from "@/lib/openapi/operations-webhooks";
import { revealWebhookSecrets } from "@/lib/webhooks/manage-webhook-endpoints";

export const GET = projectRoute(opRevealWebhookSecrets, async ({ project, params }) => {
  return Response.json(await revealWebhookSecrets({ projectId: project.id, endpointId: params.endpointId }), { headers: { "cache-control": "no-store" } });
});
