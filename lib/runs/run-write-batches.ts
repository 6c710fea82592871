import "server-only";
import { sql } from "@/lib/db/sql";
import type { TNewStepRecord } from "@/lib/engine/executor/types";
import { insertStepRecordsSql, stepRecordRows, type TRunKey } from "./step-record-buffer";

// The runs executing in one worker process write their step records, and the ends of those that succeed,
// through shared statements: whatever is waiting when the previous statement of its kind returns goes out
// together, as one transaction. Each commit waits for the WAL to reach disk, and the flush, the round trip
// and the executor start-up around each statement were a large part of PostgreSQL's CPU per run in
// bench:engine; shared, they are paid once per batch. Durability is unchanged: a caller's promise resolves
// only once its rows are committed, so a Request still runs only after the records it may depend on.

export type TRunRecords = TRunKey & { records: TNewStepRecord[] };
export type TRunSuccess = TRunRecords & { output: unknown };

type TWaiting<T> = { item: T; resolve: () => void; reject: (error: unknown) => void };

/**
 * Sends what was added in one turn of the event loop, and whatever arrives while a statement is out, as the
 * next single statement. One statement of each kind is out at a time, which is what lets batches form.
 */
export class StatementBatches<T> {
  private waiting: TWaiting<T>[] = [];
  private sending = false;
  private scheduled = false;

  constructor(
    private readonly send: (items: T[]) => Promise<void>,
    private readonly maxItems = 200,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.sending || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // setImmediate runs after the I/O callbacks of this turn: the runs that reached this point together
    // go out together.
    setImmediate(() => {
      this.scheduled = false;
      void this.sendWaiting();
    });
  }

  private async sendWaiting(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    const batch = this.waiting.splice(0, this.maxItems);
    try {
      await this.send(batch.map((entry) => entry.item));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      // A shared statement's failure does not say whose rows caused it: each is tried alone, so one run's
      // bad rows fail that run only.
      else await Promise.all(batch.map((entry) => this.send([entry.item]).then(entry.resolve, entry.reject)));
    } finally {
      this.sending = false;
      this.schedule();
    }
  }
}

const recordRows = (items: TRunRecords[]) => JSON.stringify(items.flatMap((item) => stepRecordRows(item.records, { projectId: item.projectId, runId: item.runId })));

const recordBatches = new StatementBatches<TRunRecords>(async (items) => {
  await sql.query(insertStepRecordsSql('r."projectId"', 'r."runId"', "$1"), [recordRows(items)]);
});

// switchyard_finish_succeeded_runs (migration finish_runs_in_batches) marks each run succeeded by its key,
// only if it is still running (a run cancelled meanwhile stays cancelled); the records are written either way.
const FINISH_SUCCEEDED_SQL = `
  WITH recorded AS (${insertStepRecordsSql('r."projectId"', 'r."runId"', "$2")})
  SELECT switchyard_finish_succeeded_runs($1::jsonb) AS "finished"`;

const successBatches = new StatementBatches<TRunSuccess>(async (items) => {
  const runs = items.map((item) => ({ runId: item.runId, projectId: item.projectId, output: item.output ?? null }));
  await sql.query(FINISH_SUCCEEDED_SQL, [JSON.stringify(runs), recordRows(items)]);
});

/** Commits step records of a run; resolves once they are durable. */
export function writeStepRecords(item: TRunRecords): Promise<void> {
  return item.records.length === 0 ? Promise.resolve() : recordBatches.add(item);
}

/** Commits a run's success (its output and last records) together; resolves once durable. */
export function writeRunSuccess(item: TRunSuccess): Promise<void> {
  return successBatches.add(item);
}
