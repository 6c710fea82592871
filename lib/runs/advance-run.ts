import "server-only";
import { sameProjectSql, sql } from "@/lib/db/sql";
import { preciseNow } from "@/lib/engine/executor/precise-clock";
import { type TStepError, type TStepOutcome, type TStepRecord, type TWalkResult, WalkAborted } from "@/lib/engine/executor/types";
import { walkRun } from "@/lib/engine/executor/walk-run";
import { idempotencyKeyOf } from "@/lib/engine/idempotency-key";
import { engineLimits } from "@/lib/engine/limits";
import { requestAllowHosts } from "@/lib/engine/pinned-http";
import { workerSandboxPool } from "@/lib/engine/sandbox/sandbox-pool";
import { executeLeafStep } from "@/lib/engine/steps/execute-leaf-step";
import { toStorableStepData } from "@/lib/engine/storable-step-data";
import type { TStep } from "@/lib/schemas/workflow";
import { loadStepRecords, loadVersionGraph, recordKey, VersionUnavailable } from "./load-run-state";
import { claimRun, RunFenced, type TClaimedRun, type TRunLease } from "./run-claims";
import type { TRunAnswer } from "./run-outcomes";
import { type TRunEnd, writeRunAnswer, writeRunEnd, writeStepRecords } from "./run-write-batches";
import { StepRecordBuffer } from "./step-record-buffer";

class RunCancelled extends WalkAborted {}

const CANCEL_CHECK_INTERVAL_MS = 250;

// Read once per process: the environment does not change under a running worker.
let limits: ReturnType<typeof engineLimits> | undefined;

const RUN_STATE_SQL = `SELECT "status", "lease"::text AS "lease" FROM "Run" WHERE "id" = $1::uuid AND ${sameProjectSql('"projectId"', "$2")}`;

/** The engine's statements that find one run, for the test that checks how PostgreSQL plans them. */
export const RUN_LOOKUP_STATEMENTS = {
  claim: `SELECT * FROM switchyard_claim_candidate($1::uuid)`,
  state: RUN_STATE_SQL,
};

/**
 * Executes a run as far as it can go: to its end, to a delay or retry back-off (then it waits and a job is
 * queued for later), or to a failure. The claim gives this execution the run under a new lease, and every
 * write below is fenced by it (lib/runs/run-claims.ts): should the queue hand the run to another worker
 * meanwhile, this execution is refused at its next write and stops with RunFenced. This is the engine's hot
 * path: the claim, the step records and the end go out in statements shared with the other runs of this
 * process (run-claims.ts, run-write-batches.ts), so a run of pure steps ending in one Request costs a share of
 * three.
 *
 * The claim marks the run running without waiting for the WAL flush: that is the one write nothing depends
 * on. Lost in a PostgreSQL crash, it leaves the run queued with its job, to execute from the start; and the
 * next synchronous commit (the records written before a Request, the run's end) flushes the WAL up to and
 * including it anyway.
 */
export async function advanceRun(runId: string): Promise<void> {
  const run = await claimRun(runId);
  if (run) await executeRun(run);
}

async function executeRun(run: TClaimedRun): Promise<void> {
  const lease: TRunLease = { runId: run.id, projectId: run.projectId, lease: run.lease };
  // A Request trigger's call waits for the run's first Response step (answered as soon as it is committed), or
  // for the announcement that the run ended without reaching one.
  const answersCall = run.input.type === "request";
  let answered = false;
  let graph;
  try {
    graph = await loadVersionGraph(sql, run.projectId, run.workflowVersionId);
  } catch (error) {
    if (!(error instanceof VersionUnavailable)) throw error;
    const end: TRunEnd = { status: "failed", error: { code: "version_unavailable", message: error.message, retryable: false } };
    await writeRunEnd({ ...lease, records: [], end, announceEnd: answersCall });
    return;
  }
  const records = run.startedAt ? await loadStepRecords(sql, run.projectId, run.id) : new Map<string, TStepRecord>();
  const steps = new Map<string, TStep>(graph.steps.map((step) => [step.id, step]));
  const buffer = new StepRecordBuffer((batch, answer) => (answer ? writeRunAnswer({ ...lease, records: batch, answer }) : writeStepRecords({ ...lease, records: batch })));
  const sandbox = workerSandboxPool();

  let lastCheck = Date.now();
  let result: TWalkResult;
  try {
    result = await walkRun(
      {
        runId: run.id,
        graph,
        trigger: run.input,
        user: run.externalId !== null ? { id: run.externalId, metadata: run.metadata } : null,
        settings: run.settings ?? {},
      },
      {
        now: preciseNow,
        limits: (limits ??= engineLimits()),
        latest: (stepId, lane) => records.get(recordKey(stepId, lane)),
        record: async (record) => {
          const step = steps.get(record.stepId) as TStep;
          if (answersCall && !answered && step.type === "response" && record.status === "succeeded") {
            answered = true;
            // Not awaited: the walk goes on while the answer commits; a failed write fails the buffer's next write or take().
            buffer.respond(record, record.output as TRunAnswer).catch(() => {});
            return;
          }
          buffer.add(record, step);
        },
        executeLeaf: async (step, scope, attempt) => {
          await buffer.flushBeforeLeaf(step);
          const outcome = await executeLeafStep(step, scope, {
            allowHosts: requestAllowHosts(),
            runFunction: (input) => sandbox.run(input),
            idempotencyKey: idempotencyKeyOf({ runId: run.id, stepId: step.id, lane: attempt.lane, retryAttempt: attempt.retryAttempt }),
            beforeSend: (input) =>
              buffer.writeAhead({ stepId: step.id, lane: attempt.lane, attempt: attempt.attempt, retryAttempt: attempt.retryAttempt, status: "running", input: toStorableStepData(input), startedAt: attempt.startedAt }),
          });
          return toStorableOutcome(outcome);
        },
        checkCancelled: async () => {
          if (Date.now() - lastCheck < CANCEL_CHECK_INTERVAL_MS) return;
          lastCheck = Date.now();
          const [current] = await sql.query<{ status: string; lease: string }>(RUN_STATE_SQL, [run.id, run.projectId]);
          if (!current || current.lease !== run.lease) throw new RunFenced(run.id);
          if (current.status === "cancelled") throw new RunCancelled();
        },
      },
    );
  } catch (error) {
    if (error instanceof RunCancelled) {
      // The step in flight finished and is kept; the run stays cancelled.
      await writeRunEnd({ ...lease, records: await buffer.take(), end: { status: "stopped" } });
      return;
    }
    // Whatever the walk did before it stopped is kept (unless this execution lost the run): a Request it made
    // must not run again.
    if (!(error instanceof RunFenced)) await buffer.flush().catch(() => {});
    throw error;
  }
  await writeRunEnd({ ...lease, records: await buffer.take(), end: endOf(result), announceEnd: answersCall && !answered && !(result.status === "succeeded" && result.response !== undefined) });
}

/** What a leaf step produced, as it can be recorded; the steps after it read this same copy (storable-step-data.ts). */
function toStorableOutcome(outcome: TStepOutcome): TStepOutcome {
  const input = toStorableStepData(outcome.input);
  const logs = toStorableStepData(outcome.logs);
  if (outcome.ok) return { ok: true, output: toStorableStepData(outcome.output), input, logs };
  return { ok: false, error: toStorableStepData(outcome.error) as TStepError, input, logs };
}

function endOf(result: TWalkResult): TRunEnd {
  if (result.status === "succeeded") return { status: "succeeded", output: result.response ?? result.output ?? null };
  if (result.status === "waiting") return { status: "waiting", resumeAt: result.resumeAt };
  return { status: "failed", error: result.error };
}
