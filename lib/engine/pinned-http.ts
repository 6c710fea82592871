// HTTP to an address the request guard already approved: the connection is pinned to that address, so a
// second DNS answer cannot swap in an internal one. Used by Request steps and notification deliveries.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { TAllowedUrl } from "./request-guard";

const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Hosts that may be reached even though they resolve to loopback or private addresses (REQUEST_ALLOW_HOSTS). */
export function requestAllowHosts(): string[] {
  return (process.env.REQUEST_ALLOW_HOSTS ?? "").split(",").map((host) => host.trim()).filter(Boolean);
}

export type TPinnedResponse = { statusCode: number; headers: Record<string, string | string[] | undefined>; body: unknown };

/** What the attempt was waiting for when its deadline passed. */
export type TTimeoutPhase = "resolve" | "connect" | "headers" | "body";

export class RequestTimeoutError extends Error {
  constructor(readonly phase: TTimeoutPhase) {
    super(`Timed out waiting to ${phase === "resolve" ? "resolve the host" : phase === "connect" ? "connect" : `receive the ${phase}`}`);
    this.name = "RequestTimeoutError";
  }
}

/**
 * Sends one request and reads the whole answer. `timeoutMs` is a deadline for all of it (connecting,
 * sending, the headers and every byte of the body), not an idle timeout: a server that drips a byte now and
 * then would otherwise hold the caller for as long as it likes. At the deadline the socket is destroyed
 * and the promise rejects with a RequestTimeoutError.
 */
export function sendPinnedRequest(options: { target: TAllowedUrl; method: string; headers: Record<string, string>; body?: string; timeoutMs: number }) {
  const { target } = options;
  const pinned = target.addresses[0];
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise<TPinnedResponse>((resolve, reject) => {
    let response: http.IncomingMessage | undefined;
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      finish();
    };
    // Destroying the request closes the socket whatever stage it is in; the errors that follow are ignored.
    const fail = (error: Error) => settle(() => {
      request.destroy();
      reject(error);
    });
    const request = client.request(target.url, { method: options.method, headers: { "user-agent": "Switchyard", ...options.headers }, lookup }, (answer) => {
      response = answer;
      const chunks: Buffer[] = [];
      let size = 0;
      answer.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) fail(new Error(`The response is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB`));
        else chunks.push(chunk);
      });
      answer.on("end", () => settle(() => resolve({ statusCode: answer.statusCode ?? 0, headers: answer.headers, body: parseBody(answer, chunks) })));
      answer.on("error", fail);
    });
    const deadline = setTimeout(() => {
      const phase = response ? "body" : !request.socket || request.socket.connecting ? "connect" : "headers";
      fail(new RequestTimeoutError(phase));
    }, options.timeoutMs);
    request.on("error", fail);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

function parseBody(response: http.IncomingMessage, chunks: Buffer[]): unknown {
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw === "" || !/json/i.test(String(response.headers["content-type"] ?? ""))) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
