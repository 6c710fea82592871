import "server-only";
import { sql } from "@/lib/db/sql";
import { StatementBatches } from "@/lib/db/statement-batches";
import type { TNewStepRecord } from "@/lib/engine/executor/types";
import { insertStepRecordsSql, stepRecordRows, type TRunKey } from "./step-record-buffer";

// The runs executing in one worker process write their step records, and the ends of those that succeed,
// through shared statements (StatementBatches): whatever is waiting when the previous statement of its kind
// returns goes out together, as one transaction. Each commit waits for the WAL to reach disk, and the flush,
// the round trip and the executor start-up around each statement were a large part of PostgreSQL's CPU per
// run in bench:engine; shared, they are paid once per batch. Durability is unchanged: a caller's promise
// resolves only once its rows are committed, so a Request still runs only after the records it may depend on.

type TRunRecords = TRunKey & { records: TNewStepRecord[] };
type TRunSuccess = TRunRecords & { output: unknown };

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
