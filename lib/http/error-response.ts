// Turns anything thrown by a route into the documented error body. Unexpected errors are logged with
// their stack and answered with a generic message, so no internals reach the caller.
import { ZodError } from "zod";
import { AppError, type TErrorBody } from "./errors";

function prismaErrorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string") {
    return /^P\d{4}$/.test(error.code) ? error.code : undefined;
  }
  return undefined;
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError("validation_failed", "The request is not valid", {
      details: error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
    });
  }
  const prismaCode = prismaErrorCode(error);
  if (prismaCode === "P2025") return new AppError("not_found", "Not found");
  if (prismaCode === "P2002") return new AppError("conflict", "That already exists");
  return new AppError("internal_error", "Something went wrong on our side. It has been logged.");
}

/** The documented error body, its status and headers, for any error thrown by a route. */
export function errorAnswer(error: unknown): { status: number; body: TErrorBody; headers?: Record<string, string> } {
  const appError = toAppError(error);
  if (appError.code === "internal_error") console.error("[switchyard] unhandled error", error);
  const body: TErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details !== undefined) body.error.details = appError.details;
  return { status: appError.status, body, headers: appError.headers };
}

export function errorResponse(error: unknown): Response {
  const { status, body, headers } = errorAnswer(error);
  return Response.json(body, { status, headers });
}
