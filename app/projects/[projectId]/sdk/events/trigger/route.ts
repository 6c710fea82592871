// POST /projects/:projectId/sdk/events/trigger — an App Event sent by the SaaS app for one of its users
import { ingestEvent } from "@/lib/events/ingest-event";
import { sdkPreflight, sdkRoute } from "@/lib/http/sdk-route";
import { ZTriggerEventRequest } from "@/lib/schemas/event";

export const POST = sdkRoute({ body: ZTriggerEventRequest }, async ({ request, config, userId, body }) => {
  const { response } = await ingestEvent({
    config,
    userExternalId: userId,
    name: body.name,
    payload: body.payload,
    idempotencyKey: request.headers.get("idempotency-key"),
    source: "sdk",
  });
  return Response.json(response, { status: 201 });
});

export const OPTIONS = sdkPreflight;
