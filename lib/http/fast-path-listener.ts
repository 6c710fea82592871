// The production web server's request listener (scripts/web.ts). The routes that must answer faster than
// Next's request pipeline allows (about 1 ms of CPU per request on this project's 2-core machine, against
// ~0.25 ms for a whole event here) are served straight from Node's request, by the same handlers their route
// files export; so is any path with a malformed percent-escape (see below). Every other request, and every
// other method on those paths, goes to Next. Whatever Next would wrap around a route (a middleware or
// proxy.ts, of which this app has none; compression of large answers) does not apply to these.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { triggerEvent } from "@/lib/events/trigger-event-route";
import { getRunStatus, requestTriggerPreflight, triggerWorkflow } from "@/lib/request-triggers/request-trigger-route";
import { receiveDelivery } from "@/lib/webhooks/receive-delivery";
import { errorAnswer } from "./error-response";
import { AppError } from "./errors";
import { readNodeBodyBytes, readNodeJsonBody } from "./read-json-body";
import { sdkPreflightRoute, type TSdkAnswer, type TSdkRequest, type TSdkRoute } from "./sdk-route";
import { setSecurityHeaders } from "./security-headers";

export type TFastRoute = { pattern: RegExp; params: string[]; methods: Partial<Record<string, TSdkRoute>> };
export type TNodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Paths match exactly, as Next matches them: no trailing slash, any query string. */
export const FAST_ROUTES: TFastRoute[] = [
  {
    pattern: /^\/projects\/([^/]+)\/sdk\/events\/trigger$/,
    params: ["projectId"],
    methods: { POST: triggerEvent, OPTIONS: sdkPreflightRoute },
  },
  {
    pattern: /^\/projects\/([^/]+)\/sdk\/triggers\/([^/]+)$/,
    params: ["projectId", "workflowId"],
    methods: { POST: triggerWorkflow, OPTIONS: requestTriggerPreflight },
  },
  {
    pattern: /^\/projects\/([^/]+)\/sdk\/runs\/([^/]+)$/,
    params: ["projectId", "runId"],
    methods: { GET: getRunStatus, OPTIONS: sdkPreflightRoute },
  },
  {
    pattern: /^\/projects\/([^/]+)\/webhooks\/([^/]+)$/,
    params: ["projectId", "endpointId"],
    methods: { POST: receiveDelivery, GET: receiveDelivery, HEAD: receiveDelivery },
  },
  {
    pattern: /^\/projects\/([^/]+)\/webhooks\/([^/]+)\/users\/([^/]+)$/,
    params: ["projectId", "endpointId", "userToken"],
    methods: { POST: receiveDelivery, GET: receiveDelivery, HEAD: receiveDelivery },
  },
];

export function createRequestListener(options: { fallback: TNodeHandler; routes?: TFastRoute[] }): TNodeHandler {
  const routes = options.routes ?? FAST_ROUTES;
  return (req, res) => {
    setSecurityHeaders(req, res);
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const path = query === -1 ? url : url.slice(0, query);
    // Next's production handler answers a malformed escape anywhere in the path (`/projects/%zz/…`) with a
    // plain-text 500 (`next dev`: an HTML 400), so it is answered here, for every path, before Next sees it.
    if (!decodesAsUri(path)) return sendAnswer(res, errorAnswer(MALFORMED_PATH));
    const match = matchRoute(routes, req.method ?? "", path);
    if (!match) return options.fallback(req, res);
    // The routes answer their own errors; this catches a failure to send the answer (it could not be
    // serialised), with the documented body while that is still possible.
    return match
      .route(nodeSdkRequest(req, match.params))
      .then((answer) => sendAnswer(res, answer))
      .catch((error: unknown) => (res.headersSent ? res.destroy() : sendAnswer(res, errorAnswer(error))));
  };
}

const MALFORMED_PATH = new AppError("bad_request", "The request path has a malformed percent-escape; send % itself as %25");

function decodesAsUri(path: string): boolean {
  if (!path.includes("%")) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function matchRoute(routes: TFastRoute[], method: string, path: string): { route: TSdkRoute; params: Record<string, string> } | null {
  for (const { pattern, params: names, methods } of routes) {
    const route = methods[method];
    const found = route && pattern.exec(path);
    // Decoded as Next hands route handlers their params; the whole path decodes, so each segment does.
    if (found) return { route, params: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1])])) };
  }
  return null;
}

function nodeSdkRequest(req: IncomingMessage, params: Record<string, string>): TSdkRequest {
  return {
    params,
    header: (name) => headerOf(req, name),
    json: () => readNodeJsonBody(req),
    method: req.method ?? "GET",
    url: req.url ?? "/",
    rawBody: () => readNodeBodyBytes(req),
    headerEntries: () => headerEntriesOf(req),
  };
}

function headerEntriesOf(req: IncomingMessage): [string, string][] {
  const entries: [string, string][] = [];
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) entries.push([req.rawHeaders[index].toLowerCase(), req.rawHeaders[index + 1]]);
  return entries;
}

/** As Headers.get: req.headers keeps only the first of some repeated fields (authorization among them). */
function headerOf(req: IncomingMessage, name: string): string | null {
  const raw = req.rawHeaders;
  let value: string | null = null;
  for (let index = 0; index < raw.length; index += 2) {
    if (raw[index].length === name.length && raw[index].toLowerCase() === name) value = value === null ? raw[index + 1] : `${value}, ${raw[index + 1]}`;
  }
  return value;
}

/** As Response.json (or an empty body) would be sent. */
function sendAnswer(res: ServerResponse, answer: TSdkAnswer): void {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;
  if (answer.text !== undefined) {
    headers["content-length"] = Buffer.byteLength(answer.text);
    res.writeHead(answer.status, headers).end(answer.text);
    return;
  }
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  const json = JSON.stringify(answer.body);
  headers["content-type"] = "application/json";
  headers["content-length"] = Buffer.byteLength(json);
  res.writeHead(answer.status, headers).end(json);
}
