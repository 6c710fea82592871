import "server-only";
import type { z } from "zod";
import { verifyUserToken } from "@/lib/auth/verify-user-token";
import { getProjectConfig, type TProjectConfig } from "@/lib/sdk-config/get-project-config";
import { ZUuid } from "@/lib/schemas/common";
import { errorResponse } from "./error-response";
import { AppError } from "./errors";
import { readJsonBody } from "./read-json-body";

export type TSdkContext<S extends z.ZodType> = {
  request: Request;
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

function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}

/**
 * A Paragon-compatible SDK route, called from the SaaS app's pages with an end user's token: project,
 * then token, then body. A body of the wrong shape is a 400 here (as the reference product answers),
 * with the field paths in `details`. Answers carry CORS headers, since browsers call these directly.
 */
export function sdkRoute<S extends z.ZodType>(options: { body: S }, handler: (context: TSdkContext<S>) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const { projectId } = await context.params;
      const config = ZUuid.safeParse(projectId).success ? await getProjectConfig(projectId) : null;
      if (!config) throw new AppError("not_found", "Project not found");
      const { sub } = await verifyUserToken(request.headers.get("authorization"), config);
      const parsed = options.body.safeParse(await readJsonBody(request));
      if (!parsed.success) {
        throw new AppError("bad_request", "The request body is not valid", {
          details: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
        });
      }
      return withCors(await handler({ request, config, userId: sub, body: parsed.data }));
    } catch (error) {
      return withCors(errorResponse(error));
    }
  };
}

/** The CORS preflight of SDK routes. */
export function sdkPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}
