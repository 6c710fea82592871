import "server-only";
import type { z } from "zod";
import type { Prisma } from "@/lib/db/client";
import {
  type TRunDetail,
  type TRunSummary,
  type TStepRun,
  ZRunError,
  ZRunInput,
  ZStepError,
  ZStepLog,
} from "@/lib/schemas/run";
import { readStoredGraph } from "@/lib/workflows/serialize-workflow";

export const runSummarySelect = {
  id: true,
  status: true,
  triggerType: true,
  triggerRef: true,
  isTest: true,
  replayOfRunId: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  resumeAt: true,
  parked: true,
  scheduledAt: true,
  workflow: { select: { id: true, name: true } },
  workflowVersion: { select: { id: true, version: true, kind: true } },
  connectedUser: { select: { externalId: true } },
  // The latest failed attempt that will be retried, if any: rare rows, found through the (runId, …) index.
  steps: { where: { retryAt: { not: null } }, select: { retryAt: true }, orderBy: { retryAt: "desc" }, take: 1 },
} satisfies Prisma.RunSelect;

export const stepRunSelect = {
  id: true,
  stepId: true,
  lane: true,
  attempt: true,
  retryAttempt: true,
  status: true,
  input: true,
  output: true,
  error: true,
  logs: true,
  retryAt: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.StepRunSelect;

// The detail reads every step record anyway (getRun), so it needs no query of its own for the latest retry.
const { steps: _latestRetry, ...runSummaryFields } = runSummarySelect;

export const runDetailSelect = {
  ...runSummaryFields,
  input: true,
  output: true,
  error: true,
  workflow: { select: { id: true, name: true, deployedVersion: { select: { version: true } } } },
  workflowVersion: { select: { id: true, version: true, kind: true, graph: true } },
} satisfies Prisma.RunSelect;

type TRunSummaryRow = Prisma.RunGetPayload<{ select: typeof runSummarySelect }>;
type TRunDetailRow = Prisma.RunGetPayload<{ select: typeof runDetailSelect }>;
type TStepRunRow = Prisma.StepRunGetPayload<{ select: typeof stepRunSelect }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;
const elapsedMs = (from: Date | null, to: Date | null) => (from && to ? to.getTime() - from.getTime() : null);

/**
 * JSON columns are written by the engine from typed values, so one that fails its schema here is a
 * server fault: it surfaces as a 500, never as a 422 about the caller's request.
 */
function readStored<S extends z.ZodType>(schema: S, json: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`A stored ${what} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}

export function serializeRunSummary(row: TRunSummaryRow): TRunSummary {
  return summaryOf(row, row.steps[0]?.retryAt ?? null);
}

function summaryOf(row: Omit<TRunSummaryRow, "steps">, latestRetryAt: Date | null): TRunSummary {
  return {
    id: row.id,
    status: row.status,
    workflow: { id: row.workflow.id, name: row.workflow.name },
    workflowVersion: { id: row.workflowVersion.id, version: row.workflowVersion.version, kind: row.workflowVersion.kind },
    userId: row.connectedUser?.externalId ?? null,
    triggerType: row.triggerType,
    triggerRef: row.triggerRef,
    isTest: row.isTest,
    replayOfRunId: row.replayOfRunId,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    resumeAt: iso(row.resumeAt),
    waitingForSlot: row.parked,
    retrying: isRetrying(row, latestRetryAt),
    // A run cancelled before it started has no duration.
    durationMs: elapsedMs(row.startedAt, row.finishedAt),
    scheduledAt: iso(row.scheduledAt),
    latenessMs: elapsedMs(row.scheduledAt, row.startedAt),
  };
}

/**
 * A waiting run waits either for a Delay or to retry a failed step. It is retrying when its wait ends no
 * later than the latest pending retry (a retry long past, followed by a Delay, is not).
 */
function isRetrying(row: Pick<TRunSummaryRow, "status" | "resumeAt">, retryAt: Date | null): boolean {
  return row.status === "waiting" && !!retryAt && !!row.resumeAt && retryAt.getTime() >= row.resumeAt.getTime();
}

/** Input and output go out whole: Task History exists to show exactly what a step saw and produced. */
export function serializeStepRun(row: TStepRunRow): TStepRun {
  return {
    id: row.id,
    stepId: row.stepId,
    lane: row.lane,
    attempt: row.attempt,
    retryAttempt: row.retryAttempt,
    status: row.status,
    input: row.input ?? null,
    output: row.output ?? null,
    error: row.error === null ? null : readStored(ZStepError, row.error, "step error"),
    logs: row.logs === null ? null : readStored(ZStepLog.array(), row.logs, "step log"),
    retryAt: iso(row.retryAt),
    startedAt: row.startedAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    durationMs: elapsedMs(row.startedAt, row.finishedAt),
  };
}

function latestRetryAt(steps: TStepRunRow[]): Date | null {
  let latest: Date | null = null;
  for (const step of steps) if (step.retryAt && (!latest || step.retryAt > latest)) latest = step.retryAt;
  return latest;
}

export function serializeRunDetail(row: TRunDetailRow, steps: TStepRunRow[]): TRunDetail {
  return {
    ...summaryOf(row, latestRetryAt(steps)),
    workflow: { id: row.workflow.id, name: row.workflow.name, deployedVersion: row.workflow.deployedVersion?.version ?? null },
    input: readStored(ZRunInput, row.input, "run input"),
    output: row.output ?? null,
    error: row.error === null ? null : readStored(ZRunError, row.error, "run error"),
    graph: readStoredGraph(row.workflowVersion.graph),
    steps: steps.map(serializeStepRun),
  };
}
