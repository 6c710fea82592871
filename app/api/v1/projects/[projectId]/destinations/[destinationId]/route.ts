// PATCH /api/v1/projects/:projectId/destinations/:destinationId — rename, re-point, pause or re-enable;
// DELETE — remove it
import { deleteDestination } from "@/lib/destinations/delete-destination";
import { updateDestination } from "@/lib/destinations/update-destination";
import { projectRoute } from "@/lib/http/api-route";
import { opDeleteDestination, opUpdateDestination } from "@/lib/openapi/operations-destinations";

export const PATCH = projectRoute(opUpdateDestination, async ({ project, params, body }) => {
  return Response.json(await updateDestination({ projectId: project.id, destinationId: params.destinationId, ...body }));
});

export const DELETE = projectRoute(opDeleteDestination, async ({ project, params }) => {
  await deleteDestination({ projectId: project.id, destinationId: params.destinationId });
  return new Response(null, { status: 204 });
});
