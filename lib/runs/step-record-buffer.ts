import "server-only";
import type { TNewStepRecord } from "@/lib/engine/executor/types";
import type { TStep } from "@/lib/schemas/workflow";
import type { TRunAnswer } from "./run-outcomes";

// Steps that do nothing outside the run: running one again after a crash changes nothing anyone saw.
// Everything else (today: Request) has an effect, and is recorded as started before it is sent.
const STEPS_WITHOUT_EFFECTS: ReadonlySet<TStep["type"]> = new Set(["function", "conditional", "switch", "response", "delay", "fan_out"]);

export const hasEffects = (step: TStep) => !STEPS_WITHOUT_EFFECTS.has(step.type);

/** An attempt of a step with effects, recorded just before its effect (a Request is sent). */
export type TStartedStepRecord = { stepId: string; lane: string; attempt: number; retryAttempt: number; status: "running"; input?: unknown; startedAt: Date };

export type TAnyStepRecord = TNewStepRecord | TStartedStepRecord;

/**
 * One multi-row upsert of step records from a JSON array (parameter `records`), of the runs `owned` allows (an
 * SQL condition on `r."runId"`). `projectId` and `runId` are SQL for the run a record belongs to: `r."projectId"`
 * and `r."runId"` read them from each record (stepRecordRows with the run). A record finishing an attempt that
 * was recorded as started replaces that row, if it is still running. Dates travel as ISO strings; a missing
 * field is NULL.
 */
export const upsertStepRecordsSql = (options: { records: string; owned: string }) => `
  INSERT INTO "StepRun" ("id", "projectId", "runId", "stepId", "lane", "attempt", "retryAttempt", "status", "input", "output", "error", "logs", "retryAt", "startedAt", "finishedAt")
  SELECT gen_random_uuid(), r."projectId", r."runId", r."stepId", r."lane", r."attempt", r."retryAttempt", r."status"::"StepRunStatus", r."input", r."output", r."error", r."logs", r."retryAt", r."startedAt", r."finishedAt"
  FROM jsonb_to_recordset(${options.records}::jsonb) AS r("projectId" uuid, "runId" uuid, "stepId" text, "lane" text, "attempt" int, "retryAttempt" int, "status" text, "input" jsonb, "output" jsonb, "error" jsonb, "logs" jsonb, "retryAt" timestamptz, "startedAt" timestamptz, "finishedAt" timestamptz)
  WHERE ${options.owned}
  ON CONFLICT ("runId", "stepId", "lane", "attempt") DO UPDATE SET
    "status" = EXCLUDED."status", "input" = COALESCE(EXCLUDED."input", "StepRun"."input"), "output" = EXCLUDED."output",
    "error" = EXCLUDED."error", "logs" = EXCLUDED."logs", "retryAt" = EXCLUDED."retryAt", "finishedAt" = EXCLUDED."finishedAt"
  WHERE "StepRun"."status" = 'running'`;

export type TRunKey = { projectId: string; runId: string };

/** The rows upsertStepRecordsSql reads, as JSON values, each naming the run it belongs to. */
export const stepRecordRows = (records: TAnyStepRecord[], run: TRunKey) =>
  records.map((record) => ({
    projectId: run.projectId,
    runId: run.runId,
    stepId: record.stepId,
    lane: record.lane,
    attempt: record.attempt,
    retryAttempt: record.retryAttempt,
    status: record.status,
    input: record.input,
    output: record.status === "running" ? null : record.output,
    error: record.status === "running" ? null : record.error,
    logs: record.status === "running" ? null : record.logs,
    retryAt: record.status === "running" ? null : (record.retryAt ?? null),
    startedAt: record.startedAt,
    finishedAt: record.status === "running" ? null : record.finishedAt,
  }));

/**
 * Holds the records of a walk so that they reach the database in as few statements as durability allows.
 *
 * The walker never executes a step again once its record is committed, and replays it otherwise. So:
 * - a step without effects may stay unrecorded for a while: after a crash it just runs again;
 * - a step with effects (a Request) is recorded as started, together with every held record, just before it
 *   is sent (writeAhead): an effect is never based on outputs that a crash could change, and an attempt a crash
 *   cuts off shows as interrupted. Its final record is written before the next leaf step runs, and in any case
 *   at the next turn of the event loop (setImmediate), unless the walk ends first, in the same turn, and the
 *   record rides in the statement that ends the run.
 * - a Response step that answers a Request trigger's call is written at once, with every held record and the
 *   answer (respond), since the caller is waiting for it; the walk goes on meanwhile.
 * Writes go out in order, one at a time; a failed write fails every later flush, writeAhead and take().
 */
export class StepRecordBuffer {
  private held: TAnyStepRecord[] = [];
  private holdsEffects = false;
  private written: Promise<void> = Promise.resolve();

  /** `answer`: the run's answer to its call, to commit with these records. */
  constructor(private readonly write: (records: TAnyStepRecord[], answer?: TRunAnswer) => Promise<void>) {}

  add(record: TNewStepRecord, step: TStep): void {
    this.held.push(record);
    if (hasEffects(step)) {
      this.holdsEffects = true;
      // Whoever awaits the buffer next (a flush, take) sees a failure of this write.
      setImmediate(() => this.flush().catch(() => {}));
    }
  }

  /** Before a leaf step runs: write what it must not run ahead of (a step with effects writes ahead instead). */
  flushBeforeLeaf(step: TStep): Promise<void> {
    return !hasEffects(step) && this.holdsEffects ? this.flush() : Promise.resolve();
  }

  /** Just before an effect: commits the held records and the attempt as started, in one write. */
  writeAhead(started: TStartedStepRecord): Promise<void> {
    this.held.push(started);
    return this.flush();
  }

  /** A Response step's record and the answer it makes: commits them with every held record; resolves once they are committed. */
  respond(record: TNewStepRecord, answer: TRunAnswer): Promise<void> {
    this.held.push(record);
    return this.send(answer);
  }

  /** Writes every held record; resolves once they are committed. */
  flush(): Promise<void> {
    return this.send();
  }

  private send(answer?: TRunAnswer): Promise<void> {
    if (this.held.length > 0) {
      const batch = this.held.splice(0);
      this.holdsEffects = false;
      this.written = this.written.then(() => this.write(batch, answer));
    }
    return this.written;
  }

  /** The held records, for the statement that ends the run, once every earlier write has committed. */
  async take(): Promise<TAnyStepRecord[]> {
    const batch = this.held.splice(0);
    this.holdsEffects = false;
    await this.written;
    return batch;
  }
}
