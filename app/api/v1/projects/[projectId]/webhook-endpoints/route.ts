// GET /api/v1/projects/:projectId/webhook-endpoints — the project's webhook endpoints; POST — add one
import { projectRoute } from "@/lib/http/api-route";
import { opCreateWebhookEndpoint, opListWebhookEndpoints } from "@/lib/openapi/operations-webhooks";
import { publicOrigin } from "@/lib/webhooks/endpoint-url";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/manage-webhook-endpoints";

export const GET = projectRoute(opListWebhookEndpoints, async ({ request, project }) => {
  return Response.json({ endpoints: await listWebhookEndpoints(project.id, publicOrigin(request)) });
});

export const POST = projectRoute(opCreateWebhookEndpoint, async ({ request, project, body }) => {
  return Response.json(await createWebhookEndpoint({ projectId: project.id, origin: publicOrigin(request), ...body }), { status: 201 });
});
