import "server-only";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
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
  // A deleted builder's or a signed-out browser's cookie is as good as none (the session check reads the builder).
  const builderId = await readSessionBuilderId(request);
  if (!builderId) throw new AppError("unauthorized", "Sign in, or send a project API key as `Authorization: Bearer <key>`");
  return { kind: "builder", builderId };
}

export function callerRateLimitKey(caller: TCaller): string {
  return caller.kind === "builder" ? `api:builder:${caller.builderId}` : `api:key:${caller.apiKeyId}`;
}
