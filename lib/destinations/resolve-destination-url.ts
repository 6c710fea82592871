import "server-only";
import { RequestTimeoutError, requestAllowHosts } from "@/lib/engine/pinned-http";
import { assertUrlAllowed, RequestGuardError, type TAllowedUrl } from "@/lib/engine/request-guard";
import { AppError } from "@/lib/http/errors";

/** How long saving a destination waits for its host to resolve. */
const SAVE_RESOLVE_TIMEOUT_MS = 5_000;

/**
 * The Request step's address guard, with REQUEST_ALLOW_HOSTS, for a destination's URL. The guard's DNS
 * lookup cannot be cancelled, so the caller stops waiting for it at `timeoutMs` instead (a
 * RequestTimeoutError in the "resolve" phase).
 */
export function resolveDestinationUrl(url: string, timeoutMs: number): Promise<TAllowedUrl> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError("resolve")), timeoutMs);
  });
  return Promise.race([assertUrlAllowed(url, { allowHosts: requestAllowHosts() }), deadline]).finally(() => clearTimeout(timer));
}

/**
 * Refuses, with 400 bad_request naming the url field, a URL that deliveries would be refused for: a loopback,
 * private or metadata address written as such, or a host whose DNS answer holds one. A host that does not
 * resolve now is refused too, since nothing could be delivered to it.
 */
export async function assertDestinationUrlAllowed(url: string): Promise<void> {
  try {
    await resolveDestinationUrl(url, SAVE_RESOLVE_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof RequestGuardError) throw refused(error.message, error.reason);
    if (error instanceof RequestTimeoutError) {
      throw refused(`Could not resolve ${new URL(url).hostname} within ${SAVE_RESOLVE_TIMEOUT_MS / 1000} s`, "dns_failure");
    }
    throw error;
  }
}

function refused(message: string, reason: RequestGuardError["reason"]): AppError {
  return new AppError("bad_request", message, { details: [{ path: "url", message, reason }] });
}
