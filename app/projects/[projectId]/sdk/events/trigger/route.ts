// POST /projects/:projectId/sdk/events/trigger — an App Event sent by the SaaS app for one of its users.
// In production the web server answers this path with the same handlers before Next sees it (scripts/web.ts).
import { triggerEvent } from "@/lib/events/trigger-event-route";
import { sdkPreflight, toRouteHandler } from "@/lib/http/sdk-route";

export const POST = toRouteHandler(triggerEvent);

export const OPTIONS = sdkPreflight;
