// Server action results on the client: a failed one throws the same ApiError as apiFetch, so forms, dialogs and
// react-query show one kind of error.
import { ApiError } from "@/lib/api-client/api-fetch";

type TResult<T> = { ok: true; data: T } | { ok: false; status: number; error: { code: string; message: string; details?: unknown } };

export async function callAction<T>(action: Promise<TResult<T>>): Promise<T> {
  let result: TResult<T>;
  try {
    result = await action;
  } catch {
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
  if (!result.ok) throw new ApiError(result.status, result.error.code, result.error.message, result.error.details);
  return result.data;
}

/** The message for one field from a 422's details, if the error names it. */
export function fieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return undefined;
  const detail = (error.details as { path?: unknown; message?: unknown }[]).find((item) => item.path === path);
  return typeof detail?.message === "string" ? detail.message : undefined;
}

/** The form-level message: the error's own, unless it only points at fields shown beside them. */
export function formError(error: unknown, fields: string[]): string | undefined {
  if (!error) return undefined;
  if (fields.some((field) => fieldError(error, field))) return undefined;
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}
