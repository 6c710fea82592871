import "server-only";
import { sql } from "@/lib/db/sql";
import { StatementBatches } from "@/lib/db/statement-batches";
import { runEndJobsSql } from "@/lib/jobs/job-specs";
import type { TStepError } from "@/lib/engine/executor/types";
import { RunFenced, type TRunLease } from "./run-claims";
import { stepRecordRows, type TAnyStepRecord, upsertStepRecordsSql } from "./step-record-buffer";

// The runs executing in one worker process write their step records, and their ends, through shared
// statements (StatementBatches): whatever is waiting when the previous statement of its kind returns goes out
// together, as one transaction. Each commit waits for the WAL to reach disk, and the flush, the round trip and
// the executor start-up around each statement were a large part of PostgreSQL's CPU per run in bench:engine;
// shared, they are paid once per batch. A caller's promise resolves only once its rows are committed, so a
// Request still runs only after the records it may depend on.
//
// Every write is fenced by the run's lease (run-claims.ts): the statement locks each run whose lease still
// matches and writes only for those, in the same transaction, so a claim that takes a run over waits for it
// and every later write of the old execution is refused. A refused caller gets RunFenced.

type TRunRecords = TRunLease & { records: TAnyStepRecord[] };

/** How an execution ends. "stopped": it ends without changing the run (the run was cancelled meanwhile). */
export type TRunEnd =
  | { status: "succeeded"; output: unknown }
  | { status: "failed"; error: TStepError & { stepId?: string; lane?: string } }
  | { status: "waiting"; resumeAt: Date }
  | { status: "stopped" };

type TRunEndItem = TRunRecords & { end: TRunEnd };

const leaseRows = (items: TRunLease[]) => JSON.stringify(items.map((item) => ({ runId: item.runId, projectId: item.projectId, lease: item.lease })));
const recordRows = (items: TRunRecords[]) => JSON.stringify(items.flatMap((item) => stepRecordRows(item.records, item)));

const WRITE_RECORDS_SQL = `
  WITH owned AS MATERIALIZED (SELECT switchyard_own_runs($1::jsonb) AS "runId"),
  recorded AS (${upsertStepRecordsSql({ records: "$2", owned: `r."runId" IN (SELECT "runId" FROM owned)` })})
  SELECT "runId" FROM owned`;

// Group commit: the runs of a worker reach their writes a little apart (their Function steps come back from the
// sandbox threads one by one), so a write waits this long for others to share its statement. Fewer, fuller
// statements cost PostgreSQL and the worker less per run (bench:engine: 783 → 861 runs/s at 3 ms), for that
// much latency before a Request goes out and when a run ends; claims do not wait.
const LINGER_MS = 2;

const recordBatches = new StatementBatches<TRunRecords, boolean>(async (items) => {
  const owned = new Set((await sql.query<{ runId: string }>(WRITE_RECORDS_SQL, [leaseRows(items), recordRows(items)])).map((row) => row.runId));
  return items.map((item) => owned.has(item.runId));
}, { lingerMs: LINGER_MS });

// switchyard_end_runs (migration engine_hardening) ends each run still owned, frees its slot and admits the
// project's parked runs that now fit; this statement writes the owned runs' last records and queues the jobs
// that follows from the ends: resumes of waiting runs, jobs of admitted runs, failure notifications.
const END_RUNS_SQL = `
  WITH ended AS MATERIALIZED (SELECT * FROM switchyard_end_runs($1::jsonb)),
  recorded AS (${upsertStepRecordsSql({ records: "$2", owned: `r."runId" IN (SELECT "runId" FROM ended WHERE "kind" = 'owned')` })}),
  ${runEndJobsSql("ended")}
  SELECT e."runId" FROM ended e CROSS JOIN run_end_jobs WHERE e."kind" = 'owned'`;

const endRows = (items: TRunEndItem[]) =>
  JSON.stringify(
    items.map(({ runId, projectId, lease, end }) => ({
      runId,
      projectId,
      lease,
      status: end.status,
      output: end.status === "succeeded" ? (end.output ?? null) : null,
      error: end.status === "failed" ? end.error : null,
      resumeAt: end.status === "waiting" ? end.resumeAt.toISOString() : null,
    })),
  );

const endBatches = new StatementBatches<TRunEndItem, boolean>(async (items) => {
  const owned = new Set((await sql.query<{ runId: string }>(END_RUNS_SQL, [endRows(items), recordRows(items)])).map((row) => row.runId));
  return items.map((item) => owned.has(item.runId));
}, { lingerMs: LINGER_MS });

/** Commits step records of a run, if this execution still owns it; resolves once they are durable. */
export async function writeStepRecords(item: TRunRecords): Promise<void> {
  if (item.records.length === 0) return;
  if (!(await recordBatches.add(item))) throw new RunFenced(item.runId);
}

/** Commits the end of an execution with its last records, if it still owns the run; resolves once durable. */
export async function writeRunEnd(item: TRunEndItem): Promise<void> {
  if (!(await endBatches.add(item))) throw new RunFenced(item.runId);
}
