import "server-only";
import { headers } from "next/headers";

/** The origin the builder is using (host and scheme of the request, as a proxy forwards them), for links. */
export async function requestOrigin(): Promise<string> {
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost:3000";
  // Self-hosted installs often run plain http on a LAN; a TLS-terminating proxy says https in x-forwarded-proto.
  const proto = list.get("x-forwarded-proto") ?? "http";
  return `${proto.split(",")[0].trim()}://${host}`;
}
