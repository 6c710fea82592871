import "server-only";
import type { TNewStepRecord } from "@/lib/engine/executor/types";
import type { TStep } from "@/lib/schemas/workflow";

// Steps that do nothing outside the run: running one again after a crash changes nothing anyone saw.
// Everything else (today: Request) has an effect that must never be repeated once its record exists.
const STEPS_WITHOUT_EFFECTS: ReadonlySet<TStep["type"]> = new Set(["function", "conditional", "switch", "response", "delay", "fan_out"]);

export const hasEffects = (step: TStep) => !STEPS_WITHOUT_EFFECTS.has(step.type);

/**
 * One multi-row INSERT of step records from a JSON array (parameter `records`). `projectId` and `runId` are
 * SQL for the run the records belong to: parameters when they are all one run's, or `r."projectId"` and
 * `r."runId"` to read them from each record (stepRecordRows with the run). Dates travel as ISO strings; a
 * missing field is NULL.
 */
export const insertStepRecordsSql = (projectId: string, runId: string, records: string) => `
  INSERT INTO "StepRun" ("id", "projectId", "runId", "stepId", "lane", "attempt", "status", "input", "output", "error", "logs", "retryAt", "startedAt", "finishedAt")
  SELECT gen_random_uuid(), ${projectId}::uuid, ${runId}::uuid, r."stepId", r."lane", r."attempt", r."status"::"StepRunStatus", r."input", r."output", r."error", r."logs", r."retryAt", r."startedAt", r."finishedAt"
  FROM jsonb_to_recordset(${records}::jsonb) AS r("projectId" uuid, "runId" uuid, "stepId" text, "lane" text, "attempt" int, "status" text, "input" jsonb, "output" jsonb, "error" jsonb, "logs" jsonb, "retryAt" timestamptz, "startedAt" timestamptz, "finishedAt" timestamptz)`;

export type TRunKey = { projectId: string; runId: string };

/** The rows insertStepRecordsSql reads, as JSON values; with `run`, each row names the run it belongs to. */
export const stepRecordRows = (records: TNewStepRecord[], run?: TRunKey) =>
  records.map((record) => ({
    ...run,
    stepId: record.stepId,
    lane: record.lane,
    attempt: record.attempt,
    status: record.status,
    input: record.input,
    output: record.output,
    error: record.error,
    logs: record.logs,
    retryAt: record.retryAt ?? null,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
  }));

/** The JSON array insertStepRecordsSql reads, for one run's records. */
export const stepRecordsJson = (records: TNewStepRecord[]) => JSON.stringify(stepRecordRows(records));

/**
 * Holds the records of a walk so that they reach the database in as few statements as durability allows.
 *
 * The walker never executes a step again once its record is committed, and replays it otherwise. So:
 * - a step without effects may stay unrecorded for a while: after a crash it just runs again;
 * - a step with effects (a Request) must be recorded before anything else can happen that a crash would
 *   make us repeat it after. Its record is written before the next leaf step runs, and in any case at
 *   the next turn of the event loop (setImmediate) — unless the walk ends first, in the same turn, and the
 *   record rides in the statement that finishes the run;
 * - before a step with effects runs, every held record is written (flushBeforeLeaf), so an effect is never
 *   based on outputs that a crash could change.
 * Writes go out in order, one at a time; a failed write fails every later flush and take().
 */
export class StepRecordBuffer {
  private held: TNewStepRecord[] = [];
  private holdsEffects = false;
  private written: Promise<void> = Promise.resolve();

  constructor(private readonly write: (records: TNewStepRecord[]) => Promise<void>) {}

  add(record: TNewStepRecord, step: TStep): void {
    this.held.push(record);
    if (hasEffects(step)) {
      this.holdsEffects = true;
      // Whoever awaits the buffer next (a flush, take) sees a failure of this write.
      setImmediate(() => this.flush().catch(() => {}));
    }
  }

  /** Before a leaf step runs: write what it must not run ahead of. */
  flushBeforeLeaf(step: TStep): Promise<void> {
    return hasEffects(step) || this.holdsEffects ? this.flush() : Promise.resolve();
  }

  /** Writes every held record; resolves once they are committed. */
  flush(): Promise<void> {
    if (this.held.length > 0) {
      const batch = this.held.splice(0);
      this.holdsEffects = false;
      this.written = this.written.then(() => this.write(batch));
    }
    return this.written;
  }

  /** The held records, for the statement that finishes the run, once every earlier write has committed. */
  async take(): Promise<TNewStepRecord[]> {
    const batch = this.held.splice(0);
    this.holdsEffects = false;
    await this.written;
    return batch;
  }
}
