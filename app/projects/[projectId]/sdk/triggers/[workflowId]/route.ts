// POST /projects/:projectId/sdk/triggers/:workflowId — a Request trigger called by the SaaS app for one of its
// users; the wire format is described in lib/request-triggers/request-trigger-route.ts. In production the web
// server answers this path with the same handlers before Next sees it (lib/http/fast-path-listener.ts).
import { toRouteHandler } from "@/lib/http/sdk-route";
import { requestTriggerPreflight, triggerWorkflow } from "@/lib/request-triggers/request-trigger-route";

export const POST = toRouteHandler(triggerWorkflow);

export const OPTIONS = toRouteHandler(requestTriggerPreflight);
