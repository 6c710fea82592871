import "server-only";
import { getToken } from "next-auth/jwt";
import { verifySessionClaims } from "./builder-sessions";

/**
 * The signed-in builder of a request, read straight from the Auth.js session cookie and checked against its
 * server-side session (a signed-out browser's cookie is refused). Route wrappers use this rather than `auth()`
 * so they depend only on the Request, which keeps them testable outside Next.
 */
export async function readSessionBuilderId(request: Request): Promise<string | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  const secureCookie = (request.headers.get("cookie") ?? "").includes("__Secure-authjs.session-token");
  const token = await getToken({ req: request, secret, secureCookie });
  return (await verifySessionClaims(token))?.builderId ?? null;
}
