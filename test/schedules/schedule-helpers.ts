// Helpers for the scheduler's integration tests: deploy a schedule workflow through the real deploy, move a
// schedule's clock (its anchor and due ticks) into the past instead of waiting, and read what it fired.
import { db } from "@/lib/db/client";
import { fireDueTicks } from "@/lib/schedules/fire-due-ticks";
import type { TSchedule } from "@/lib/schemas/workflow";
import { deployWorkflow } from "@/lib/workflows/deploy-workflow";
import { functionStep } from "@/test/engine-helpers";

export type TScheduleOptions = {
  projectId: string;
  schedule: TSchedule;
  catchUp?: { policy: "skip" | "once" | "all"; windowSeconds?: number };
  overlap?: "skip" | "buffer_one" | "buffer_all" | "allow_all";
  enabledForAllUsers?: boolean;
  steps?: { id: string }[];
};

/** Creates a workflow on a schedule trigger and deploys it with the real deploy (which creates its Schedule). */
export async function deployScheduleWorkflow(options: TScheduleOptions) {
  const steps = options.steps ?? [functionStep("tick", "function (params, context) { return { at: context.trigger.scheduledAt } }")];
  const graph = {
    trigger: {
      type: "schedule",
      schedule: options.schedule,
      catchUp: { policy: options.catchUp?.policy ?? "skip", windowSeconds: options.catchUp?.windowSeconds ?? 3600 },
      overlap: options.overlap ?? "skip",
    },
    steps,
    edges: steps.map((step, i) => ({ id: `e${i}`, source: i === 0 ? "trigger" : steps[i - 1].id, target: step.id })),
  };
  const workflow = await db.workflow.create({
    data: { projectId: options.projectId, name: "Scheduled", draft: graph, enabledForAllUsers: options.enabledForAllUsers ?? true },
    select: { id: true },
  });
  const version = await deployWorkflow({ projectId: options.projectId, workflowId: workflow.id, createdById: null });
  return { workflowId: workflow.id, versionId: version.id };
}

/**
 * As if the schedule had been deployed `seconds` earlier, and the ticker had stopped then: its anchor and every
 * zone's due tick move back by that much (ticks keep their grid).
 */
export async function rewindSchedule(workflowId: string, seconds: number) {
  await db.$executeRaw`UPDATE "Schedule" SET "anchorAt" = "anchorAt" - make_interval(secs => ${seconds}) WHERE "workflowId" = ${workflowId}::uuid`;
  await db.$executeRaw`UPDATE "ScheduleZone" SET "nextTickAt" = "nextTickAt" - make_interval(secs => ${seconds}) WHERE "workflowId" = ${workflowId}::uuid`;
}

export const scheduledRuns = (workflowId: string) =>
  db.run.findMany({ where: { workflowId }, orderBy: [{ scheduledAt: "asc" }, { createdAt: "asc" }], select: { id: true, scheduledAt: true, connectedUserId: true, status: true, input: true, parked: true, holdsSlot: true } });

export const ticksOf = (workflowId: string) =>
  db.scheduleTick.findMany({ where: { workflowId }, orderBy: [{ scheduledAt: "asc" }, { timezone: "asc" }], select: { scheduledAt: true, timezone: true, outcome: true, reason: true, runs: true, overlapped: true } });

/** Fires whatever is due now, as a worker's ticker would. */
export const fireNow = () => fireDueTicks();
