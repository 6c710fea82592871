// POST /api/v1/projects/:projectId/events — an App Event sent server to server for a named user (Idempotency-Key honoured)
// GET  /api/v1/projects/:projectId/events — the Event Log, newest first (?name=, ?userId=, ?cursor=, ?limit=)
import { listEvents } from "@/lib/events/list-events";
import { sendEvent } from "@/lib/events/send-event";
import { projectRoute } from "@/lib/http/api-route";
import { opListEvents, opSendEvent } from "@/lib/openapi/operations-events";

export const POST = projectRoute(opSendEvent, async ({ request, project, body }) => {
  const idempotencyKey = request.headers.get("idempotency-key")?.trim() || null;
  return Response.json(await sendEvent({ projectId: project.id, ...body, idempotencyKey }), { status: 201 });
});

export const GET = projectRoute(opListEvents, async ({ project, query }) => {
  return Response.json(await listEvents({ projectId: project.id, ...query }));
});
