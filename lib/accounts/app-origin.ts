import "server-only";
import { headers } from "next/headers";
import { readRuntimeInfo, resolveDataDir } from "@/lib/config/runtime";

const first = (value: string | null) => value?.split(",")[0]?.trim() || null;

/** The origin the builder is using (host and scheme of the request, as a proxy forwards them), for links. */
export async function requestOrigin(): Promise<string> {
  const list = await headers();
  const host = first(list.get("x-forwarded-host")) ?? list.get("host") ?? "localhost:3000";
  // Self-hosted installs often run plain http on a LAN; a TLS-terminating proxy says https in x-forwarded-proto.
  return `${first(list.get("x-forwarded-proto")) ?? "http"}://${host}`;
}

/**
 * The origin `npm start` announced, for links asked for by someone not signed in: a forged Host header must not
 * put its own origin into a password reset link that an operator then passes on. The request's origin otherwise.
 */
export async function configuredOrigin(): Promise<string> {
  const appUrl = readRuntimeInfo(resolveDataDir())?.appUrl;
  return appUrl ? appUrl.replace(/\/$/, "") : requestOrigin();
}
