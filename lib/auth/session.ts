import "server-only";
import { getToken } from "next-auth/jwt";

export const SESSION_MAX_AGE_SECONDS = Number(process.env.SESSION_MAX_AGE_SECONDS ?? 7 * 24 * 60 * 60);

/**
 * The signed-in builder of a request, read straight from the Auth.js session cookie. Route wrappers use
 * this rather than `auth()` so they depend only on the Request, which keeps them testable outside Next.
 */
export async function readSessionBuilderId(request: Request): Promise<string | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  const secureCookie = (request.headers.get("cookie") ?? "").includes("__Secure-authjs.session-token");
  const token = await getToken({ req: request, secret, secureCookie });
  return typeof token?.sub === "string" ? token.sub : null;
}
