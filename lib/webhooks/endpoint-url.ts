import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * The origin providers reach this installation at: PUBLIC_URL when set (behind a proxy that rewrites Host),
 * else what the request itself says.
 */
export function publicOrigin(request: { url: string; headers: Headers }): string {
  const configured = process.env.PUBLIC_URL?.trim();
  if (configured) return new URL(configured).origin;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0].trim();
  const host = request.headers.get("x-forwarded-host")?.split(",")[0].trim() ?? request.headers.get("host");
  return host ? `${proto || new URL(request.url).protocol.replace(":", "")}://${host}` : new URL(request.url).origin;
}

/** Where an endpoint's deliveries are sent: one per project and integration (or custom webhook). */
export function endpointPath(projectId: string, endpointId: string): string {
  return `/projects/${projectId}/webhooks/${endpointId}`;
}

function userUrlKey(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set");
  return Buffer.from(hkdfSync("sha256", secret, "switchyard", "user webhook url v1", 32));
}

function userUrlMac(projectId: string, endpointId: string, connectedUserId: string, workflowId: string): string {
  return createHmac("sha256", userUrlKey()).update(`${projectId}:${endpointId}:${connectedUserId}:${workflowId}`).digest("base64url").slice(0, 32);
}

/**
 * A user-level URL: a custom webhook that a workflow registers for one user, routed to that user and that
 * workflow with no lookup. Its last segment carries the user's and workflow's ids and a MAC of them under the
 * server's secret, so it cannot be forged for another user, and needs no row.
 */
export function userEndpointPath(options: { projectId: string; endpointId: string; connectedUserId: string; workflowId: string }): string {
  const { projectId, endpointId, connectedUserId, workflowId } = options;
  return `${endpointPath(projectId, endpointId)}/users/${connectedUserId}.${workflowId}.${userUrlMac(projectId, endpointId, connectedUserId, workflowId)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The user and workflow a user-level URL's last segment names, or null when it is not one this server made. */
export function readUserEndpointToken(options: { projectId: string; endpointId: string; token: string }): { connectedUserId: string; workflowId: string } | null {
  const [connectedUserId, workflowId, mac, ...rest] = options.token.split(".");
  if (rest.length > 0 || !UUID.test(connectedUserId ?? "") || !UUID.test(workflowId ?? "") || !mac) return null;
  const expected = Buffer.from(userUrlMac(options.projectId, options.endpointId, connectedUserId, workflowId));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { connectedUserId, workflowId } : null;
}
