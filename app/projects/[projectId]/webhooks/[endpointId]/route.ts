// POST /projects/:projectId/webhooks/:endpointId — a delivery from an integration (GitHub, Stripe, Slack…),
// routed to the connected user it names; GET answers a custom webhook's URL check. In production the web
// server answers this path with the same handler before Next sees it (scripts/web.ts).
import { toRouteHandler } from "@/lib/http/sdk-route";
import { receiveDelivery } from "@/lib/webhooks/receive-delivery";

export const POST = toRouteHandler(receiveDelivery);

export const GET = toRouteHandler(receiveDelivery);

export const HEAD = toRouteHandler(receiveDelivery);
