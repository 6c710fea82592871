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

export function sendPinnedRequest(options: { target: TAllowedUrl; method: string; headers: Record<string, string>; body?: string; timeoutMs: number }) {
  const { target } = options;
  const pinned = target.addresses[0];
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined>; body: unknown }>((resolve, reject) => {
    const request = client.request(target.url, { method: options.method, headers: { "user-agent": "Switchyard", ...options.headers }, lookup, timeout: options.timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) request.destroy(new Error(`The response is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB`));
        else chunks.push(chunk);
      });
      response.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const isJson = /json/i.test(String(response.headers["content-type"] ?? ""));
        let body: unknown = raw;
        if (isJson && raw !== "") {
          try {
            body = JSON.parse(raw);
          } catch {
            body = raw;
          }
        }
        resolve({ statusCode: response.statusCode ?? 0, headers: response.headers, body });
      });
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}
