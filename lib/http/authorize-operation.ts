import "server-only";
import type { TCaller } from "@/lib/auth/caller";
import type { TOperation } from "@/lib/openapi/define-operation";
import type { TMembershipRole } from "@/lib/schemas/project";
import { AppError } from "./errors";

/** Enforces an operation's `requires` before anything else of the request is read. */
export function authorizeOperation(operation: TOperation, access: { caller: TCaller; role: TMembershipRole | null }): void {
  if (!operation.requires) return;
  if (access.caller.kind !== "builder") {
    throw new AppError("forbidden", "API keys cannot do this; sign in to the dashboard as a builder");
  }
  if (operation.requires === "owner" && access.role !== "owner") {
    throw new AppError("forbidden", "Only project owners can do this");
  }
}
