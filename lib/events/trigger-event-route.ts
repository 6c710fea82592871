import "server-only";
import { sdkRoute } from "@/lib/http/sdk-route";
import { ZTriggerEventRequest } from "@/lib/schemas/event";
import { ingestEvent } from "./ingest-event";

// POST /projects/:projectId/sdk/events/trigger. Two servers answer it with this: the Next route file, and in
// production the web server's fast path (scripts/web.ts), which serves this route without Next's request
// pipeline so that ingestion keeps up with the SaaS apps sending events.

export const triggerEvent = sdkRoute({ body: ZTriggerEventRequest }, async ({ request, config, userId, body }) => {
  const { response } = await ingestEvent({
    config,
    userExternalId: userId,
    name: body.name,
    payload: body.payload,
    idempotencyKey: request.header("idempotency-key"),
    source: "sdk",
  });
  return { status: 201, body: response };
});
