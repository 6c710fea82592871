import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TWorkflowActivation } from "@/lib/schemas/connected-user";
import { serializeWorkflowActivation, workflowActivationSelect } from "./serialize-workflow-activation";

/**
 * Switches a workflow off for a user and keeps their settings for when it comes back on. A user with no
 * activation yet gets a disabled one: that is how they opt out of a workflow enabled for all users.
 */
export async function disableUserWorkflow(options: {
  projectId: string;
  externalId: string;
  workflowId: string;
}): Promise<TWorkflowActivation> {
  const { projectId, externalId, workflowId } = options;
  const row = await db.$transaction(async (tx) => {
    const workflow = await tx.workflow.findFirst({ where: { id: workflowId, projectId }, select: { id: true } });
    if (!workflow) throw notFound("Workflow");
    const user = await tx.connectedUser.findFirst({ where: { projectId, externalId }, select: { id: true } });
    if (!user) throw notFound("Connected user");
    return tx.workflowActivation.upsert({
      where: { workflowId_connectedUserId: { workflowId, connectedUserId: user.id }, projectId },
      create: { projectId, workflowId, connectedUserId: user.id, enabled: false },
      update: { enabled: false },
      select: workflowActivationSelect,
    });
  });
  return serializeWorkflowActivation(row);
}
