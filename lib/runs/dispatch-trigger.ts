import "server-only";
import { randomUUID } from "node:crypto";
import type { TransactionClient } from "@/lib/db/client";
import { enqueueRunJobs } from "./enqueue-run-jobs";

export type TTriggerOccurrence = {
  projectId: string;
  /** Who it is for: the connected user's row id. */
  connectedUserId: string;
  trigger: { type: "app_event"; appEventId: string };
  payload: unknown;
  /** The received event that caused it, kept on each run. */
  eventId?: string;
};

export type TDispatchedRun = { runId: string; workflowId: string };

/**
 * Starts every deployed workflow that listens to this trigger and that the user has switched on (or that
 * is on for every user). Runs and their jobs are written through the caller's transaction, in bulk, so
 * they commit together with the caller's own write (the received event) or not at all.
 */
export async function dispatchTrigger(tx: TransactionClient, occurrence: TTriggerOccurrence): Promise<TDispatchedRun[]> {
  const workflows = await tx.workflow.findMany({
    where: {
      projectId: occurrence.projectId,
      deployedVersionId: { not: null },
      triggerType: occurrence.trigger.type,
      triggerAppEventId: occurrence.trigger.appEventId,
      OR: [
        { enabledForAllUsers: true, activations: { none: { connectedUserId: occurrence.connectedUserId, enabled: false } } },
        { activations: { some: { connectedUserId: occurrence.connectedUserId, enabled: true } } },
      ],
    },
    select: { id: true, deployedVersionId: true },
    orderBy: { createdAt: "asc" },
  });
  const runs = workflows.map((workflow) => ({
    id: randomUUID(),
    projectId: occurrence.projectId,
    workflowId: workflow.id,
    workflowVersionId: workflow.deployedVersionId as string,
    connectedUserId: occurrence.connectedUserId,
    triggerType: occurrence.trigger.type,
    eventId: occurrence.eventId ?? null,
    triggerRef: occurrence.eventId ? `event:${occurrence.eventId}` : null,
    input: { type: occurrence.trigger.type, payload: occurrence.payload } as object,
  }));
  if (runs.length === 0) return [];
  await tx.run.createMany({ data: runs });
  await enqueueRunJobs(tx, runs.map((run) => ({ runId: run.id })));
  return runs.map((run) => ({ runId: run.id, workflowId: run.workflowId }));
}
