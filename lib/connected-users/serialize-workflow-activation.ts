import "server-only";
import type { Prisma } from "@/lib/db/client";
import type { TWorkflowActivation } from "@/lib/schemas/connected-user";
import { readStoredObject } from "./serialize-connected-user";

export const workflowActivationSelect = {
  workflowId: true,
  enabled: true,
  settings: true,
  connectedUser: { select: { externalId: true } },
} satisfies Prisma.WorkflowActivationSelect;

export function serializeWorkflowActivation(
  row: Prisma.WorkflowActivationGetPayload<{ select: typeof workflowActivationSelect }>,
): TWorkflowActivation {
  return {
    workflowId: row.workflowId,
    userId: row.connectedUser.externalId,
    enabled: row.enabled,
    settings: readStoredObject(row.settings),
  };
}
