import "server-only";
import { errorAnswer } from "@/lib/http/error-response";
import type { TErrorBody } from "@/lib/http/errors";

/** What an account server action answers: its data, or the documented error body with the HTTP status it maps to. */
export type TActionResult<T> = { ok: true; data: T } | ({ ok: false; status: number } & TErrorBody);

/**
 * Runs a server action's work and turns what it throws into the same error body /api/v1 answers (AppError
 * codes, a ZodError as 422 with field paths, anything else a logged 500), so forms show one kind of error.
 */
export async function toActionResult<T>(work: () => Promise<T>): Promise<TActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    const { status, body } = errorAnswer(error);
    return { ok: false, status, ...body };
  }
}
