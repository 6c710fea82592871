// The contract between the durable walker (pure) and the world around it (database, clock, HTTP, sandbox).
import type { TStep, TWorkflowGraph } from "@/lib/schemas/workflow";

/**
 * Thrown through the walker by the environment to stop a walk at once (the run was cancelled, or this
 * execution lost the run): never recorded as a step's failure.
 */
export class WalkAborted extends Error {}

export type TStepError = {
  message: string;
  /** A typed cause: template_missing_path, request_blocked, http_error, function_error, timeout… */
  code: string;
  details?: unknown;
  /** False for failures a retry cannot fix (a missing template path, a blocked URL). */
  retryable: boolean;
};

/** The latest recorded attempt of one step in one lane. */
export type TStepRecord = {
  stepId: string;
  lane: string;
  /** The record's number among the step's records in its lane, from 1. */
  attempt: number;
  /** The retry attempt it belongs to: an attempt re-running an interrupted one keeps the number. */
  retryAttempt: number;
  /** interrupted: started (a Request about to be sent) and cut off before it finished; it runs again. */
  status: "succeeded" | "failed" | "interrupted";
  output?: unknown;
  error?: TStepError;
  /** A failed attempt that will be retried at this time; null when retries are used up. */
  retryAt?: Date | null;
};

export type TNewStepRecord = Omit<TStepRecord, "status"> & {
  status: "succeeded" | "failed";
  input?: unknown;
  logs?: unknown;
  startedAt: Date;
  finishedAt: Date;
};

/** Where an attempt of a leaf step stands, for the executor: its record's key and the retry it belongs to. */
export type TLeafAttempt = { lane: string; attempt: number; retryAttempt: number; startedAt: Date };

export type TStepOutcome = { ok: true; output: unknown; logs?: unknown; input?: unknown } | { ok: false; error: TStepError; logs?: unknown; input?: unknown };

export type TRunContext = {
  runId: string;
  graph: TWorkflowGraph;
  /** What the trigger handed the run: { type, payload } for an App Event; { type, scheduledAt, previousScheduledAt, timezone } for a schedule tick; { type, body, query, headers } for a Request trigger's call. */
  trigger: { type: string; [field: string]: unknown };
  user: { id: string; metadata: unknown } | null;
  settings: Record<string, unknown>;
};

/** What the walker needs from outside. Everything with an effect goes through here. */
export type TWalkerEnvironment = {
  now: () => Date;
  /** The latest attempt of a step in a lane, from what was persisted before this walk. */
  latest: (stepId: string, lane: string) => TStepRecord | undefined;
  /** Persists a finished attempt. Called once per attempt; the walk continues only after it resolves. */
  record: (record: TNewStepRecord) => Promise<void>;
  /** Runs a request, function or response step with its resolved scope. */
  executeLeaf: (step: TStep, scope: Record<string, unknown>, attempt: TLeafAttempt) => Promise<TStepOutcome>;
  /** Throws when the run was cancelled meanwhile. */
  checkCancelled: () => Promise<void>;
  random?: () => number;
  /** Run-time bounds; ENGINE_LIMIT_DEFAULTS (lib/engine/limits.ts) when absent. */
  limits?: { maxFanOutItems: number; maxDelaySeconds: number };
};

export type TWalkResult =
  | { status: "succeeded"; output: unknown; response?: unknown }
  | { status: "waiting"; resumeAt: Date }
  | { status: "failed"; error: TStepError & { stepId: string; lane: string } };
