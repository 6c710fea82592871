// The Switchyard JS SDK: `authenticate` once per session with the user's token, then `event` for each App
// Event and `workflow` to call a workflow's Request trigger. Same names and arguments as Paragon's SDK, so a
// migrating app changes only the object and the base URL. Framework-free and dependency-free: it runs in browsers (bundled as /sdk.js and /sdk.mjs)
// and anywhere else `fetch` exists.

/** Codes the server answers with, plus the ones the SDK raises itself. */
export type TSwitchyardErrorCode =
  | "not_authenticated"
  | "invalid_token"
  | "invalid_argument"
  | "network_error"
  | "unexpected_response"
  | "bad_request"
  | "invalid_json"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "validation_failed"
  | "rate_limited"
  | "internal_error"
  | "run_failed"
  | "unavailable"
  | "timeout"
  // A workflow's Response step answered with a status outside 2xx; `details` is the body it answered with.
  | "workflow_error"
  // Any other code a newer server may send; keeps the union open without losing autocompletion.
  | (string & {});

/**
 * Every failure of the SDK. `status` is the HTTP status, or 0 when no answer came (a local check failed,
 * or the network did); `code`, `message` and `details` are the server's `{ error: { code, message, details? } }`.
 */
export class SwitchyardError extends Error {
  readonly status: number;
  readonly code: TSwitchyardErrorCode;
  readonly details?: unknown;

  constructor(options: { status: number; code: TSwitchyardErrorCode; message: string; details?: unknown }) {
    super(options.message);
    this.name = "SwitchyardError";
    this.status = options.status;
    this.code = options.code;
    if (options.details !== undefined) this.details = options.details;
  }
}

export type TAuthenticateOptions = {
  /** Where Switchyard runs, e.g. https://switchyard.example.com. Defaults to the instance's base URL. */
  baseUrl?: string;
};

export type TEventOptions = {
  /** A repeat with the same key within 24 h gets the first answer and starts no new runs. */
  idempotencyKey?: string;
};

export type TEventRun = { runId: string; workflowId: string };
export type TConnectedUserResult = { id: string; externalId: string; metadata: Record<string, unknown> };
export type TEventResult = { eventId: string; runs: TEventRun[] };

type TQueryValue = string | number | boolean;

export type TWorkflowOptions = {
  /** The JSON body: the run's {{trigger.body}}. */
  body?: unknown;
  /** Appended to the URL: the run's {{trigger.query}}; an array repeats the parameter. */
  query?: Record<string, TQueryValue | TQueryValue[]>;
  /** Sent as request headers: the run's {{trigger.headers}} (names in lower case). */
  headers?: Record<string, string>;
};

export type TSwitchyard = {
  /** Remembers the project and the user's token (an RS256 JWT with `sub`) for the calls that follow. */
  authenticate(projectId: string, userToken: string, options?: TAuthenticateOptions): Promise<void>;
  /** Sends an App Event for the authenticated user; resolves with the event's id and the runs it started. */
  event(name: string, payload: Record<string, unknown>, options?: TEventOptions): Promise<TEventResult>;
  /**
   * Calls a workflow's Request trigger for the authenticated user and resolves with what it answered: its
   * Response step's body (parsed JSON, or text; null when empty), or `{ runId }` when it has no Response step.
   */
  workflow(workflowId: string, options?: TWorkflowOptions): Promise<unknown>;
  /**
   * Merges `meta` into the authenticated user's metadata (a null value removes a key) and resolves with the
   * user. `meta.providerIds` ({ github: "4211" }) names the user in integrations, so their webhooks reach them.
   */
  setUserMetadata(meta: Record<string, unknown>): Promise<TConnectedUserResult>;
};

export type TCreateSwitchyardOptions = {
  /** Used when `authenticate` is not given one; otherwise the page's origin. */
  baseUrl?: string;
};

type TSession = { projectId: string; userToken: string; baseUrl: string };

const localError = (code: TSwitchyardErrorCode, message: string) => new SwitchyardError({ status: 0, code, message });

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return null;
  try {
    const base64 = segment.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)), (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A local check of the token's shape only; the server verifies its signature and expiry. */
function checkTokenShape(token: unknown): string | null {
  if (typeof token !== "string" || token.trim() === "") return "Pass the user token (a JWT signed with your project's signing key)";
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts[2] === "") return "The user token is not a JWT (header.payload.signature)";
  if (!isObject(decodeSegment(parts[0]))) return "The user token's header is not base64url-encoded JSON";
  const claims = decodeSegment(parts[1]);
  if (!isObject(claims)) return "The user token's payload is not base64url-encoded JSON";
  if (typeof claims.sub !== "string" || claims.sub === "") return "The user token has no `sub` claim naming your user";
  return null;
}

function defaultBaseUrl(): string | undefined {
  return typeof window !== "undefined" && window.location ? window.location.origin : undefined;
}

async function readError(response: Response): Promise<SwitchyardError> {
  const body: unknown = await response.json().catch(() => null);
  const error = isObject(body) ? body.error : undefined;
  if (isObject(error) && typeof error.code === "string" && typeof error.message === "string") {
    return new SwitchyardError({ status: response.status, code: error.code, message: error.message, details: error.details });
  }
  return new SwitchyardError({ status: response.status, code: "unexpected_response", message: `Switchyard answered ${response.status}` });
}

function isEventResult(body: unknown): body is TEventResult {
  return isObject(body) && typeof body.eventId === "string" && Array.isArray(body.runs);
}

/** An answer's body: parsed JSON when it reads as JSON, else its text; null when empty. */
async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function workflowUrl(session: TSession, workflowId: string, query: TWorkflowOptions["query"] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  const search = params.toString();
  return `${session.baseUrl}/projects/${encodeURIComponent(session.projectId)}/sdk/triggers/${encodeURIComponent(workflowId)}${search ? `?${search}` : ""}`;
}

export function createSwitchyard(options: TCreateSwitchyardOptions = {}): TSwitchyard {
  let session: TSession | null = null;

  return {
    async authenticate(projectId, userToken, authenticateOptions = {}) {
      // A failed attempt forgets the previous user, so events are never sent on their behalf by mistake.
      session = null;
      if (typeof projectId !== "string" || projectId.trim() === "") throw localError("invalid_argument", "Pass your Switchyard project id");
      const problem = checkTokenShape(userToken);
      if (problem) throw localError("invalid_token", problem);
      const baseUrl = authenticateOptions.baseUrl ?? options.baseUrl ?? defaultBaseUrl();
      if (!baseUrl) throw localError("invalid_argument", "Pass { baseUrl } (where Switchyard runs) outside a browser page");
      session = { projectId: projectId.trim(), userToken: userToken.trim(), baseUrl: baseUrl.replace(/\/+$/, "") };
    },

    async event(name, payload, eventOptions = {}) {
      const current = session;
      if (!current) throw localError("not_authenticated", "Call switchyard.authenticate(projectId, userToken) before sending events");
      const headers: Record<string, string> = { authorization: `Bearer ${current.userToken}`, "content-type": "application/json" };
      if (eventOptions.idempotencyKey) headers["idempotency-key"] = eventOptions.idempotencyKey;
      let response: Response;
      try {
        response = await fetch(`${current.baseUrl}/projects/${encodeURIComponent(current.projectId)}/sdk/events/trigger`, {
          method: "POST",
          headers,
          body: JSON.stringify({ name, payload }),
        });
      } catch (error) {
        throw localError("network_error", `Could not reach Switchyard at ${current.baseUrl}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!response.ok) throw await readError(response);
      const body: unknown = await response.json().catch(() => null);
      if (!isEventResult(body)) throw new SwitchyardError({ status: response.status, code: "unexpected_response", message: "Switchyard's answer is not an event result" });
      return { eventId: body.eventId, runs: body.runs };
    },

    async workflow(workflowId, workflowOptions = {}) {
      const current = session;
      if (!current) throw localError("not_authenticated", "Call switchyard.authenticate(projectId, userToken) before calling workflows");
      if (typeof workflowId !== "string" || workflowId.trim() === "") throw localError("invalid_argument", "Pass the id of the workflow to call");
      let headers: Headers;
      try {
        headers = new Headers(workflowOptions.headers);
      } catch (error) {
        throw localError("invalid_argument", `The headers cannot be sent: ${error instanceof Error ? error.message : String(error)}`);
      }
      headers.set("authorization", `Bearer ${current.userToken}`);
      const hasBody = workflowOptions.body !== undefined;
      if (hasBody) headers.set("content-type", "application/json");
      let response: Response;
      try {
        response = await fetch(workflowUrl(current, workflowId.trim(), workflowOptions.query), {
          method: "POST",
          headers,
          body: hasBody ? JSON.stringify(workflowOptions.body) : undefined,
        });
      } catch (error) {
        throw localError("network_error", `Could not reach Switchyard at ${current.baseUrl}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const body = await readBody(response).catch(() => null);
      if (response.ok) return body;
      const error = isObject(body) ? body.error : undefined;
      if (isObject(error) && typeof error.code === "string" && typeof error.message === "string") {
        throw new SwitchyardError({ status: response.status, code: error.code, message: error.message, details: error.details });
      }
      throw new SwitchyardError({ status: response.status, code: "workflow_error", message: `The workflow answered ${response.status}`, details: body });
    },

    async setUserMetadata(meta) {
      const current = session;
      if (!current) throw localError("not_authenticated", "Call switchyard.authenticate(projectId, userToken) before setting metadata");
      if (!isObject(meta)) throw localError("invalid_argument", "Pass the metadata as an object");
      let response: Response;
      try {
        response = await fetch(`${current.baseUrl}/projects/${encodeURIComponent(current.projectId)}/sdk/me`, {
          method: "PATCH",
          headers: { authorization: `Bearer ${current.userToken}`, "content-type": "application/json" },
          body: JSON.stringify({ meta }),
        });
      } catch (error) {
        throw localError("network_error", `Could not reach Switchyard at ${current.baseUrl}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!response.ok) throw await readError(response);
      const body: unknown = await response.json().catch(() => null);
      if (!isObject(body) || typeof body.externalId !== "string" || !isObject(body.metadata)) {
        throw new SwitchyardError({ status: response.status, code: "unexpected_response", message: "Switchyard's answer is not a user" });
      }
      return { id: String(body.id), externalId: body.externalId, metadata: body.metadata };
    },
  };
}
