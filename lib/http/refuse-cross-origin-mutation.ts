import "server-only";
import { AppError } from "./errors";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const first = (value: string | null) => value?.split(",")[0]?.trim() || null;

/**
 * The origin the app answers this request at, found as Auth.js finds it (trustHost): AUTH_URL when set, else the
 * request's x-forwarded-host or Host with x-forwarded-proto or the request's own scheme. So the app is its own
 * origin at http://localhost:3000 and at http://127.0.0.1:3000 alike.
 */
export function requestAppOrigin(request: Request): string {
  const configured = process.env.AUTH_URL?.trim();
  if (configured) return new URL(configured).origin;
  const url = new URL(request.url);
  const host = first(request.headers.get("x-forwarded-host")) ?? request.headers.get("host") ?? url.host;
  const proto = first(request.headers.get("x-forwarded-proto"))?.replace(/:$/, "") ?? url.protocol.replace(/:$/, "");
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

function sameOrigin(origin: string, appOrigin: string): boolean {
  // "null" (a sandboxed frame, a file: page, some redirects) names no origin, so it is never ours.
  if (origin === "null") return false;
  try {
    return new URL(origin).origin === appOrigin;
  } catch {
    return false;
  }
}

/**
 * CSRF: a browser sends the builder's session cookie with any form another site posts, so a change made with that
 * cookie must come from the app's own pages. Origin decides; without it, Sec-Fetch-Site (same-origin, or none for
 * what the builder typed into the address bar). A request with neither was not sent by a modern browser on
 * another site's behalf (curl, a server), so it is let through. Callers with an API key are not cookie-based and
 * never reach this. Server actions are not checked here: Next.js (16) itself compares their Origin header's host
 * with x-forwarded-host or Host and aborts the action when they differ ('null' counting as a foreign origin), as
 * the `serverActions.allowedOrigins` page of its docs describes.
 */
export function refuseCrossOriginMutation(request: Request): void {
  if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  const allowed = origin !== null ? sameOrigin(origin, requestAppOrigin(request)) : fetchSite === null || fetchSite === "same-origin" || fetchSite === "none";
  if (!allowed) {
    throw new AppError("forbidden", "This request came from another site; changes made with a builder's session must come from Switchyard's own pages");
  }
}
