import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Headers on every answer of the web server, set before Next or the fast path writes its own (they merge into
 * its writeHead). Not a full Content-Security-Policy yet (issue 15): only who may frame the app.
 * - `frame-ancestors 'none'` and `X-Frame-Options: DENY`: no other site frames a builder page (clickjacking).
 *   The Connect Portal (`/connect/…`, not built yet) is meant to be framed by the SaaS app, so it is left out.
 * - `X-Content-Type-Options: nosniff`: a JSON or text answer is never run as a script or styled as CSS.
 * - `Referrer-Policy`: other sites see the origin, never a path (paths hold project, run and event ids).
 * - HSTS only over TLS (the socket's own, or `X-Forwarded-Proto: https` from the proxy in front): browsers
 *   ignore it over plain HTTP, and a local `npm start` must stay reachable at http://localhost.
 */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  if (!isConnectPortal(req.url ?? "/")) {
    res.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
    res.setHeader("X-Frame-Options", "DENY");
  }
  if (overTls(req)) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

function isConnectPortal(url: string): boolean {
  return url === "/connect" || url.startsWith("/connect/") || url.startsWith("/connect?");
}

function overTls(req: IncomingMessage): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  const forwarded = req.headers["x-forwarded-proto"];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim().toLowerCase();
  return proto === "https";
}
