// POST /projects/:projectId/webhooks/:endpointId/users/:userToken — a delivery to a user-level URL, which one
// workflow registered for one user: routed to them and that workflow (see lib/webhooks/endpoint-url.ts).
import { toRouteHandler } from "@/lib/http/sdk-route";
import { receiveDelivery } from "@/lib/webhooks/receive-delivery";

export const POST = toRouteHandler(receiveDelivery);

export const GET = toRouteHandler(receiveDelivery);

export const HEAD = toRouteHandler(receiveDelivery);
