import "server-only";
import type { TSdkAnswer } from "@/lib/http/sdk-route";
import type { TRunAnswer } from "@/lib/runs/run-outcomes";

// A Response step's status, headers and body as the call's HTTP answer. The body is sent as the step made it:
// text as it is (JSON when it reads as JSON, plain text otherwise, unless the step names its content-type),
// any other value as JSON. Headers that are the server's to set (framing, CORS) or that could reach beyond this
// answer (cookies on this server's origin, which the builder UI shares) are not taken from the step.
const SERVER_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "trailer", "te", "proxy-connection", "set-cookie", "date"]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// A header value may not hold CR, LF or NUL; Node refuses non-Latin-1 characters too.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const NO_BODY_STATUSES = new Set([204, 205, 304]);

export function answerOfRun(answer: TRunAnswer): TSdkAnswer {
  const headers: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(answer.headers ?? {})) {
    const name = rawName.trim().toLowerCase();
    if (!TOKEN.test(name) || SERVER_HEADERS.has(name) || name.startsWith("access-control-") || typeof value !== "string" || !FIELD_VALUE.test(value)) continue;
    headers[name] = value;
  }
  // Deploy refuses a 1xx; a version stored before that rule answers 200.
  const status = Number.isInteger(answer.statusCode) && answer.statusCode >= 200 && answer.statusCode <= 599 ? answer.statusCode : 200;
  const text = typeof answer.body === "string" ? answer.body : answer.body === undefined ? "" : JSON.stringify(answer.body);
  if (NO_BODY_STATUSES.has(status) || text === "") {
    delete headers["content-type"];
    return { status, headers };
  }
  headers["content-type"] ??= typeof answer.body === "string" && !readsAsJson(answer.body) ? "text/plain; charset=utf-8" : "application/json";
  return { status, headers, text };
}

function readsAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
