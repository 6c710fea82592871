import "server-only";
import type { TransactionClient } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { TJsonObject, TWorkflowRef } from "@/lib/schemas/app-event";
import { validateJsonSchema } from "./derive-json-schema";

/** “A”, “A” and “B”, “A”, “B” and “C” */
export function quoteNames(names: string[]): string {
  const quoted = names.map((name) => `“${name}”`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

export function workflowsPhrase(workflows: TWorkflowRef[]): string {
  return `${workflows.length === 1 ? "deployed workflow" : "deployed workflows"} ${quoteNames(workflows.map((workflow) => workflow.name))}`;
}

/** A clear 409 before the unique index would answer a generic one (which still covers a race). */
export async function assertNameFree(tx: Pick<TransactionClient, "appEvent">, options: { projectId: string; name: string; exceptId?: string }) {
  const taken = await tx.appEvent.findFirst({
    where: { projectId: options.projectId, name: options.name, ...(options.exceptId ? { id: { not: options.exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new AppError("conflict", `An App Event named “${options.name}” already exists in this project`);
}

const unescapePointer = (token: string) => token.replaceAll("~1", "/").replaceAll("~0", "~");

export function assertValidJsonSchema(schema: TJsonObject): void {
  const problems = validateJsonSchema(schema);
  if (problems.length === 0) return;
  throw new AppError("validation_failed", "The JSON Schema is not valid", {
    details: problems.map((problem) => ({ path: ["jsonSchema", ...problem.path.split("/").slice(1).map(unescapePointer)].join("."), message: problem.message })),
  });
}
