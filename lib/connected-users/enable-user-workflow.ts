import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TWorkflowActivation } from "@/lib/schemas/connected-user";
import { serializeWorkflowActivation, workflowActivationSelect } from "./serialize-workflow-activation";

/**
 * Switches a workflow on for a user, known by their external id. A user the project has never seen is
 * created here, so the SaaS app's server can set users up before they first sign in. Settings left out
 * keep the ones the user already has.
 */
export async function enableUserWorkflow(options: {
  projectId: string;
  externalId: string;
  workflowId: string;
  settings?: Record<string, unknown>;
}): Promise<TWorkflowActivation> {
  const { projectId, externalId, workflowId } = options;
  // Parsed from a JSON body, so the values are JSON values; Prisma's type cannot see that through unknown.
  const settings = options.settings as Prisma.InputJsonObject | undefined;
  const row = await db.$transaction(async (tx) => {
    const workflow = await tx.workflow.findFirst({ where: { id: workflowId, projectId }, select: { id: true } });
    if (!workflow) throw notFound("Workflow");
    const user = await tx.connectedUser.upsert({
      where: { projectId_externalId: { projectId, externalId } },
      create: { projectId, externalId },
      update: {},
      select: { id: true },
    });
    return tx.workflowActivation.upsert({
      where: { workflowId_connectedUserId: { workflowId, connectedUserId: user.id }, projectId },
      create: { projectId, workflowId, connectedUserId: user.id, enabled: true, settings: settings ?? {} },
      update: { enabled: true, settings },
      select: workflowActivationSelect,
    });
  });
  return serializeWorkflowActivation(row);
}
