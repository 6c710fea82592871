// GET /api/v1/projects/:projectId/destinations — list destinations; POST — add one (its secret is shown once)
import { createDestination } from "@/lib/destinations/create-destination";
import { listDestinations } from "@/lib/destinations/list-destinations";
import { projectRoute } from "@/lib/http/api-route";
import { opCreateDestination, opListDestinations } from "@/lib/openapi/operations-destinations";

export const GET = projectRoute(opListDestinations, async ({ project }) => {
  return Response.json({ destinations: await listDestinations(project.id) });
});

export const POST = projectRoute(opCreateDestination, async ({ project, body }) => {
  return Response.json(await createDestination({ projectId: project.id, ...body }), { status: 201 });
});
