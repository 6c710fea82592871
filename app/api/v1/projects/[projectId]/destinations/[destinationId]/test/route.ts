// POST /api/v1/projects/:projectId/destinations/:destinationId/test — send a signed test event now
import { sendTestDelivery } from "@/lib/destinations/send-test-delivery";
import { projectRoute } from "@/lib/http/api-route";
import { opTestDestination } from "@/lib/openapi/operations-destinations";

export const POST = projectRoute(opTestDestination, async ({ project, params }) => {
  return Response.json(await sendTestDelivery({ projectId: project.id, destinationId: params.destinationId }));
});
