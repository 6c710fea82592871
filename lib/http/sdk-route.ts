import "server-only";
import type { z } from "zod";
import { verifyUserToken } from "@/lib/auth/verify-user-token";
import { getProjectConfig, type TProjectConfig } from "@/lib/sdk-config/get-project-config";
import { ZUuid } from "@/lib/schemas/common";
import { errorAnswer } from "./error-response";
import { AppError } from "./errors";
import { readBodyBytes, readJsonBody } from "./read-json-body";
import { refuseUnstorableText } from "./storable-text";

/**
 * What an SDK route reads of a request. Two servers build it: Next's route files from their Web Request
 * (toRouteHandler below), and the production web server straight from Node's request
 * (lib/http/fast-path-listener.ts). Building a Web Request and Response there just to take them apart again
 * cost ~50 µs of CPU per event, a third of what the rest of the web side of an event costs.
 */
export type TSdkRequest = {
  /** The path's parameters, decoded. */
  params: Record<string, string>;
  /** A header by its lower-case name, as Headers.get answers it: every field of that name, joined by ", ". */
  header(name: string): string | null;
  /** The body as JSON, refused as readJsonBody refuses it. */
  json(): Promise<unknown>;
  /** The method, upper case. */
  method: string;
  /** The path and query string as the client sent them. */
  url: string;
  /** The body's exact bytes, with readJsonBody's cap; read the body once, by this or by json(). */
  rawBody(): Promise<Buffer>;
  /** Every header field as received, names lower case, in order (a repeated field once per line). */
  headerEntries(): [string, string][];
};

/**
 * An SDK route's answer: a JSON body (none when undefined), or `text` sent as it is with its own
 * content-type header (a webhook handshake), with its status and headers.
 */
export type TSdkAnswer = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };

export type TSdkRoute = (request: TSdkRequest) => Promise<TSdkAnswer>;

export type TSdkContext<S extends z.ZodType> = {
  request: TSdkRequest;
  config: TProjectConfig;
  /** The end user: the verified token's `sub`. */
  userId: string;
  body: z.output<S>;
};

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, idempotency-key",
  "access-control-max-age": "86400",
  // So the SDK can read when to retry after a 429.
  "access-control-expose-headers": "retry-after",
};

function withCors(answer: TSdkAnswer): TSdkAnswer {
  return { ...answer, headers: { ...answer.headers, ...CORS_HEADERS } };
}

/**
 * A Paragon-compatible SDK route, called from the SaaS app's pages with an end user's token: project,
 * then token, then body. A body of the wrong shape is a 400 here (as the reference product answers),
 * with the field paths in `details`. Answers carry CORS headers, since browsers call these directly.
 */
export function sdkRoute<S extends z.ZodType>(options: { body: S }, handler: (context: TSdkContext<S>) => Promise<TSdkAnswer>): TSdkRoute {
  return sdkCallerRoute(async (caller) => {
    const parsed = options.body.safeParse(await caller.request.json());
    if (!parsed.success) {
      throw new AppError("bad_request", "The request body is not valid", {
        details: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
      });
    }
    return handler({ ...caller, body: parsed.data });
  });
}

export type TSdkCaller = Omit<TSdkContext<z.ZodType>, "body">;

/**
 * An SDK route called with an end user's token that reads the body itself, or none (a GET): project, then
 * token, then the handler, with sdkRoute's CORS headers and error answers.
 */
export function sdkCallerRoute(handler: (caller: TSdkCaller) => Promise<TSdkAnswer>): TSdkRoute {
  return async (request) => {
    try {
      refuseUnstorableText(request.params, "path");
      const { projectId } = request.params;
      const config = ZUuid.safeParse(projectId).success ? await getProjectConfig(projectId) : null;
      if (!config) throw new AppError("not_found", "Project not found");
      const { sub } = await verifyUserToken(request.header("authorization"), config);
      return withCors(await handler({ request, config, userId: sub }));
    } catch (error) {
      return withCors(errorAnswer(error));
    }
  };
}

/** The CORS preflight of SDK routes, as their route files export it. */
export function sdkPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

/** The same preflight, for the fast path. */
export const sdkPreflightRoute: TSdkRoute = async () => ({ status: 204, headers: CORS_HEADERS });

/** The Next route handler of an SDK route, for its route file. */
export function toRouteHandler(route: TSdkRoute) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const url = new URL(request.url);
    const answer = await route({
      params: await context.params,
      header: (name) => request.headers.get(name),
      json: () => readJsonBody(request),
      method: request.method,
      url: url.pathname + url.search,
      rawBody: () => readBodyBytes(request),
      headerEntries: () => [...request.headers.entries()],
    });
    const init = { status: answer.status, headers: answer.headers };
    if (answer.text !== undefined) return new Response(answer.text, init);
    return answer.body === undefined ? new Response(null, init) : Response.json(answer.body, init);
  };
}
