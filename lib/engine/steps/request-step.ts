// The Request step: an HTTP call whose URL, headers, query, body and auth may hold template variables.
// The connection goes to the address the guard approved, so DNS cannot change between check and use.
import { RequestTimeoutError, sendPinnedRequest, type TTimeoutPhase } from "@/lib/engine/pinned-http";
import { assertUrlAllowed, RequestGuardError, type TAllowedUrl } from "@/lib/engine/request-guard";
import { resolveJsonTemplate, resolveTemplate, stringifyTemplateValue } from "@/lib/engine/template/resolve-template";
import type { TStepOf } from "@/lib/schemas/workflow";
import type { TStepOutcome } from "../executor/types";

export type TRequestStepOptions = {
  allowHosts: readonly string[];
  /**
   * The Idempotency-Key this attempt sends (unless the step switched it off or sets its own header): stable
   * for a run, step, lane and retry attempt, so a re-send after a crash carries the same key. Absent in
   * Test step, which is no run.
   */
  idempotencyKey?: string;
  /**
   * Called with the request as Task History shows it, after the address guard approved it and just before
   * it is sent; the request is sent only once this resolves. The engine records the attempt as started
   * here (fenced by the run's lease), so an attempt a crash cuts off stays visible.
   */
  beforeSend?: (input: TRequestInput) => Promise<void>;
};

/** A Request step's input as recorded: what was sent, with credentials masked. */
export type TRequestInput = { method: string; url: string; headers: Record<string, string>; body?: string };

const text = (template: string, scope: Record<string, unknown>) => stringifyTemplateValue(resolveTemplate(template, scope));

export async function executeRequestStep(step: TStepOf<"request">, scope: Record<string, unknown>, options: TRequestStepOptions): Promise<TStepOutcome> {
  const { config } = step;
  const resolvedUrl = text(config.url, scope);
  let url: URL;
  try {
    url = new URL(resolvedUrl);
  } catch {
    return { ok: false, input: { url: resolvedUrl }, error: { code: "invalid_request", message: `“${resolvedUrl}” is not a valid URL`, retryable: false } };
  }
  for (const { key, value } of config.query) url.searchParams.append(text(key, scope), text(value, scope));
  const headers: Record<string, string> = {};
  for (const { key, value } of config.headers) headers[text(key, scope).toLowerCase()] = text(value, scope);
  if (config.auth.type === "basic") {
    headers.authorization = `Basic ${Buffer.from(`${text(config.auth.username, scope)}:${text(config.auth.password, scope)}`).toString("base64")}`;
  } else if (config.auth.type === "bearer") {
    headers.authorization = `Bearer ${text(config.auth.token, scope)}`;
  }
  let body: string | undefined;
  if (config.body.kind === "json") {
    body = JSON.stringify(resolveJsonTemplate(config.body.json, scope));
    headers["content-type"] ??= "application/json";
  } else if (config.body.kind === "form") {
    body = new URLSearchParams(config.body.fields.map(({ key, value }) => [text(key, scope), text(value, scope)])).toString();
    headers["content-type"] ??= "application/x-www-form-urlencoded";
  } else if (config.body.kind === "raw") {
    body = text(config.body.text, scope);
    headers["content-type"] ??= config.body.contentType || "text/plain";
  }
  // A key the builder set themselves is what their receiver expects, so it wins.
  if (config.idempotencyKey && options.idempotencyKey) headers["idempotency-key"] ??= options.idempotencyKey;
  const input = { method: config.method, url: url.toString(), headers: redact(headers), body };
  const badHeader = Object.entries(headers).find(([key, value]) => !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key) || /[\r\n\0]/.test(value));
  if (badHeader) {
    return { ok: false, input, error: { code: "invalid_request", message: `The header “${badHeader[0]}” has a name or value HTTP does not allow (e.g. a line break)`, retryable: false } };
  }

  // One deadline for the attempt: resolving the host, then the request with what is left of it. The time
  // beforeSend takes is the engine's own bookkeeping, so it is not charged to the receiver.
  const resolveStarted = performance.now();
  let target: TAllowedUrl;
  try {
    target = await resolveWithin(assertUrlAllowed(url, { allowHosts: options.allowHosts }), config.timeoutMs);
  } catch (error) {
    if (error instanceof RequestTimeoutError) return timedOut(input, url, config.timeoutMs, error.phase);
    if (!(error instanceof RequestGuardError)) throw error;
    return { ok: false, input, error: { code: "request_blocked", message: error.message, details: { host: error.host, reason: error.reason }, retryable: error.reason === "dns_failure" } };
  }
  const remainingMs = config.timeoutMs - (performance.now() - resolveStarted);
  await options.beforeSend?.(input);
  try {
    const response = await sendPinnedRequest({ target, method: config.method, headers, body, timeoutMs: remainingMs });
    if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, input, output: response };
    const retryable = response.statusCode === 408 || response.statusCode === 429 || response.statusCode >= 500;
    return { ok: false, input, error: { code: "http_error", message: `${config.method} ${url.host} answered ${response.statusCode}`, details: response, retryable } };
  } catch (error) {
    if (error instanceof RequestTimeoutError) return timedOut(input, url, config.timeoutMs, error.phase);
    return { ok: false, input, error: { code: "network_error", message: error instanceof Error ? error.message : String(error), retryable: true } };
  }
}

/** The guard's DNS lookup cannot be cancelled, so the attempt stops waiting for it instead. */
function resolveWithin<T>(lookup: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError("resolve")), timeoutMs);
  });
  return Promise.race([lookup, deadline]).finally(() => clearTimeout(timer));
}

const TIMEOUT_TEXT: Record<TTimeoutPhase, (host: string, ms: string) => string> = {
  resolve: (host, ms) => `Could not resolve ${host} within ${ms} ms`,
  connect: (host, ms) => `Could not connect to ${host} within ${ms} ms`,
  headers: (_host, ms) => `No answer within ${ms} ms`,
  body: (_host, ms) => `The answer's body was still arriving after ${ms} ms`,
};

function timedOut(input: TRequestInput, url: URL, timeoutMs: number, phase: TTimeoutPhase): TStepOutcome {
  const message = TIMEOUT_TEXT[phase](url.host, String(timeoutMs));
  return { ok: false, input, error: { code: "timeout", message, details: { phase }, retryable: true } };
}

/** Authorization values are secrets: Task History shows that one was sent, not what it was. */
function redact(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, key === "authorization" ? `${value.split(" ")[0]} ••••` : value]));
}
