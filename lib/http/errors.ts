// One error type for the whole server and the single mapping from its codes to HTTP statuses.
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal_error: 500,
  // A Request trigger's run failed before it reached a Response step, or did not reach one in time.
  run_failed: 502,
  unavailable: 503,
  timeout: 504,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

export type TErrorBody = { error: { code: TErrorCode; message: string; details?: unknown } };

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(code: TErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function notFound(what: string): AppError {
  return new AppError("not_found", `${what} not found`);
}
