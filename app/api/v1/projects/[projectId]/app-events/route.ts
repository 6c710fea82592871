// GET /api/v1/projects/:projectId/app-events — list App Events with their usage; POST — create one
import { createAppEvent } from "@/lib/app-events/create-app-event";
import { listAppEvents } from "@/lib/app-events/list-app-events";
import { projectRoute } from "@/lib/http/api-route";
import { opCreateAppEvent, opListAppEvents } from "@/lib/openapi/operations-app-events";

export const GET = projectRoute(opListAppEvents, async ({ project }) => {
  return Response.json({ appEvents: await listAppEvents({ projectId: project.id }) });
});

export const POST = projectRoute(opCreateAppEvent, async ({ project, body }) => {
  return Response.json(await createAppEvent({ projectId: project.id, ...body }), { status: 201 });
});
