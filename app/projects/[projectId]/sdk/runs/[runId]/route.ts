// GET /projects/:projectId/sdk/runs/:runId — a run's status and Response, for the user it ran for (the status
// URL of a Request trigger's call). In production the web server's fast path answers it with the same handlers.
import { sdkPreflight, toRouteHandler } from "@/lib/http/sdk-route";
import { getRunStatus } from "@/lib/request-triggers/request-trigger-route";

export const GET = toRouteHandler(getRunStatus);

export const OPTIONS = sdkPreflight;
