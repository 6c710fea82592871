import "server-only";
import type { z } from "zod";
import { authenticateCaller, callerRateLimitKey, type TCaller } from "@/lib/auth/caller";
import { AppError } from "@/lib/http/errors";
import type { TOperation } from "@/lib/openapi/define-operation";
import { resolveProjectAccess, type TProjectAccess } from "@/lib/projects/resolve-project-access";
import { authorizeOperation } from "./authorize-operation";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { errorResponse } from "./error-response";
import { readJsonBody } from "./read-json-body";
import { refuseCrossOriginMutation } from "./refuse-cross-origin-mutation";
import { refuseUnstorableText } from "./storable-text";

type TInfer<S> = S extends z.ZodType ? z.output<S> : undefined;

export type TApiContext<Op extends TOperation> = {
  request: Request;
  caller: TCaller;
  params: TInfer<Op["params"]>;
  query: TInfer<Op["query"]>;
  body: TInfer<Op["body"]>;
};

type TRouteContext = { params: Promise<Record<string, string | string[]>> };

function apiRateLimit(): number {
  return Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 600);
}

/** The path's parameters, as Next decoded them (`%00` arrives as a NUL), refused if PostgreSQL could not store one. */
async function readPathParams(context: TRouteContext): Promise<Record<string, string | string[]>> {
  const params = await context.params;
  refuseUnstorableText(params, "path");
  return params;
}

/** The query's parameters (the last of each name, as the operation's schema reads them), refused alike. */
function readQuery(request: Request): Record<string, string> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  refuseUnstorableText(query, "query");
  return query;
}

async function parseInput<Op extends TOperation>(operation: Op, request: Request, rawParams: Record<string, unknown>) {
  let params: unknown = rawParams;
  if (operation.params) {
    const parsed = operation.params.safeParse(rawParams);
    // A malformed id in the path names nothing that exists.
    if (!parsed.success) throw new AppError("not_found", "Not found");
    params = parsed.data;
  }
  const query = operation.query ? operation.query.parse(readQuery(request)) : undefined;
  const body = operation.body ? operation.body.parse(await readJsonBody(request)) : undefined;
  return { params, query, body } as Pick<TApiContext<Op>, "params" | "query" | "body">;
}

async function authenticate(request: Request): Promise<TCaller> {
  const caller = await authenticateCaller(request);
  // Before the rate limit, so another site's forms cannot spend the builder's allowance either.
  if (caller.kind === "builder") refuseCrossOriginMutation(request);
  await consumeRateLimit({ key: callerRateLimitKey(caller), limit: apiRateLimit(), windowSeconds: 60 });
  return caller;
}

/** A /api/v1 route that is not about one project: authenticate, rate-limit, parse, answer. */
export function apiRoute<Op extends TOperation>(operation: Op, handler: (context: TApiContext<Op>) => Promise<Response>) {
  return async (request: Request, context: TRouteContext): Promise<Response> => {
    try {
      const caller = await authenticate(request);
      authorizeOperation(operation, { caller, role: null });
      const input = await parseInput(operation, request, await readPathParams(context));
      return await handler({ request, caller, ...input });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A /api/v1/projects/{projectId}/… route: as apiRoute, plus the caller's access to that project. */
export function projectRoute<Op extends TOperation>(
  operation: Op,
  handler: (context: TApiContext<Op> & TProjectAccess) => Promise<Response>,
) {
  return async (request: Request, context: TRouteContext): Promise<Response> => {
    try {
      const caller = await authenticate(request);
      const rawParams = await readPathParams(context);
      const access = await resolveProjectAccess(caller, String(rawParams.projectId ?? ""));
      authorizeOperation(operation, { caller, role: access.role });
      const input = await parseInput(operation, request, rawParams);
      return await handler({ request, caller, ...access, ...input });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
