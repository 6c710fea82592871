import "server-only";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { readSessionBuilderId } from "./session";

export type TCaller =
  | { kind: "builder"; builderId: string }
  | { kind: "api_key"; apiKeyId: string; projectId: string };

/** Who is calling the management API: a project API key (Bearer) or a signed-in builder (cookie). */
export async function authenticateCaller(request: Request): Promise<TCaller> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new AppError("unauthorized", "The Authorization header must be `Bearer <API key>`");
    const apiKey = await authenticateApiKey(match[1]);
    if (!apiKey) throw new AppError("unauthorized", "The API key is not valid or has been revoked");
    return { kind: "api_key", apiKeyId: apiKey.id, projectId: apiKey.projectId };
  }
  const builderId = await readSessionBuilderId(request);
  // A session outlives nothing: a deleted builder's cookie is as good as none.
  const builder = builderId ? await db.builder.findUnique({ where: { id: builderId }, select: { id: true } }) : null;
  if (!builder) throw new AppError("unauthorized", "Sign in, or send a project API key as `Authorization: Bearer <key>`");
  return { kind: "builder", builderId: builder.id };
}

export function callerRateLimitKey(caller: TCaller): string {
  return caller.kind === "builder" ? `api:builder:${caller.builderId}` : `api:key:${caller.apiKeyId}`;
}
