import "server-only";
import { parseJsonBytes } from "@/lib/http/read-json-body";
import type { TSdkRequest } from "@/lib/http/sdk-route";
import { refuseUnstorableText } from "@/lib/http/storable-text";
import type { TRequestQuery, TRequestTriggerInput } from "@/lib/workflows/request-trigger-input";

// What a call hands its run, as the reference product reads it: the JSON body as trigger.body ({} when there is
// none), the query string as trigger.query, the request's headers as trigger.headers. The user token and the
// caller's cookies never reach the run (runs and their inputs are kept in Task History), nor do the headers that
// only concern one connection.
const DROPPED_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

export async function readRequestCall(request: TSdkRequest): Promise<TRequestTriggerInput> {
  const query = queryOf(request.url);
  refuseUnstorableText(query, "query");
  const bytes = await request.rawBody();
  const body = bytes.toString("utf8").trim() === "" ? {} : parseJsonBytes(bytes);
  return { type: "request", body, query, headers: headersOf(request) };
}

/** Each parameter as a string; a repeated one as the array of its values, in order. */
function queryOf(url: string): TRequestQuery {
  const start = url.indexOf("?");
  // Without a prototype, so that a parameter named __proto__ is a parameter like any other.
  const query: TRequestQuery = Object.create(null);
  if (start === -1) return query;
  for (const [key, value] of new URLSearchParams(url.slice(start + 1))) {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

/** Names in lower case, a repeated field's values joined by ", " (as Headers.get does). */
function headersOf(request: TSdkRequest): Record<string, string> {
  const entries = request.headerEntries();
  const named = new Set(DROPPED_HEADERS);
  for (const [name, value] of entries) {
    // Headers the Connection header names are that connection's own too.
    if (name.toLowerCase() === "connection") for (const token of value.split(",")) named.add(token.trim().toLowerCase());
  }
  const headers: Record<string, string> = Object.create(null);
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    if (named.has(name)) continue;
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}
