// GET /api/v1/projects/:projectId/app-events/:appEventId — one App Event; PATCH — change it (a rename that
// deployed workflows feel needs confirmRename); DELETE — remove it unless deployed workflows use it
import { deleteAppEvent } from "@/lib/app-events/delete-app-event";
import { getAppEvent } from "@/lib/app-events/get-app-event";
import { updateAppEvent } from "@/lib/app-events/update-app-event";
import { projectRoute } from "@/lib/http/api-route";
import { opDeleteAppEvent, opGetAppEvent, opUpdateAppEvent } from "@/lib/openapi/operations-app-events";

export const GET = projectRoute(opGetAppEvent, async ({ project, params }) => {
  return Response.json(await getAppEvent({ projectId: project.id, appEventId: params.appEventId }));
});

export const PATCH = projectRoute(opUpdateAppEvent, async ({ project, params, body }) => {
  return Response.json(await updateAppEvent({ projectId: project.id, appEventId: params.appEventId, ...body }));
});

export const DELETE = projectRoute(opDeleteAppEvent, async ({ project, params }) => {
  await deleteAppEvent({ projectId: project.id, appEventId: params.appEventId });
  return new Response(null, { status: 204 });
});
