// GET /api/v1/projects/:projectId/events/:eventId — one received event with its payload and the runs it started
import { getEvent } from "@/lib/events/get-event";
import { projectRoute } from "@/lib/http/api-route";
import { opGetEvent } from "@/lib/openapi/operations-events";

export const GET = projectRoute(opGetEvent, async ({ project, params }) => {
  return Response.json(await getEvent({ projectId: project.id, eventId: params.eventId }));
});
