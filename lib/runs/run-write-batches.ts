import "server-only";
import { sql } from "@/lib/db/sql";
import { StatementBatches } from "@/lib/db/statement-batches";
import { runEndJobsSql } from "@/lib/jobs/job-specs";
import type { TStepError } from "@/lib/engine/executor/types";
import { RunFenced, type TRunLease } from "./run-claims";
import { announceAnswerSql, announceEndSql, type TRunAnswer } from "./run-outcomes";
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

/** announceEnd: the run answers a Request trigger's call and has not answered it; a succeeded or failed end is announced. */
type TRunEndItem = TRunRecords & { end: TRunEnd; announceEnd?: boolean };

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

// A Request trigger's caller waits for its run's answer (the first Response step): the answer goes out in a
// statement of its own, with the records held before it, at once rather than after a linger, and is announced
// in its transaction (run-outcomes.ts) so the web process answers the call as soon as it commits. A later
// answer of the same run (a Response step run again after a crash) changes nothing.
const WRITE_ANSWER_SQL = `
  WITH owned AS MATERIALIZED (SELECT switchyard_own_runs($1::jsonb) AS "runId"),
  recorded AS (${upsertStepRecordsSql({ records: "$2", owned: `r."runId" IN (SELECT "runId" FROM owned)` })}),
  answered AS (
    INSERT INTO "RunResponse" ("runId", "projectId", "response")
    SELECT a."runId", a."projectId", a."answer" FROM jsonb_to_recordset($3::jsonb) AS a("runId" uuid, "projectId" uuid, "answer" jsonb)
    WHERE a."runId" IN (SELECT "runId" FROM owned)
    ON CONFLICT ("runId") DO NOTHING
    RETURNING "runId", "response"
  ), announced AS (SELECT count(${announceAnswerSql('a."runId"', 'a."response"')}) AS "count" FROM answered a)
  SELECT o."runId" FROM owned o CROSS JOIN announced`;

type TRunAnswerItem = TRunRecords & { answer: TRunAnswer };

const answerBatches = new StatementBatches<TRunAnswerItem, boolean>(async (items) => {
  const answers = JSON.stringify(items.map((item) => ({ runId: item.runId, projectId: item.projectId, answer: item.answer })));
  const owned = new Set((await sql.query<{ runId: string }>(WRITE_ANSWER_SQL, [leaseRows(items), recordRows(items), answers])).map((row) => row.runId));
  return items.map((item) => owned.has(item.runId));
}, { immediate: true });

// switchyard_end_runs (migration engine_hardening) ends each run still owned, frees its slot and admits the
// project's parked runs that now fit; this statement writes the owned runs' last records and queues the jobs
// that follows from the ends: resumes of waiting runs, jobs of admitted runs, failure notifications.
const END_RUNS_SQL = `
  WITH ended AS MATERIALIZED (SELECT * FROM switchyard_end_runs($1::jsonb)),
  recorded AS (${upsertStepRecordsSql({ records: "$2", owned: `r."runId" IN (SELECT "runId" FROM ended WHERE "kind" = 'owned')` })}),
  ${runEndJobsSql("ended")},
  announced AS (
    -- Apart from $1, which holds the outputs: almost always an empty list, so the common end parses nothing more.
    SELECT count(${announceEndSql('x."runId"', 'x."status"')}) AS "count"
    FROM jsonb_to_recordset($3::jsonb) AS x("runId" uuid, "status" text)
    WHERE x."runId" IN (SELECT "runId" FROM ended WHERE "kind" = 'owned')
  )
  SELECT e."runId" FROM ended e CROSS JOIN run_end_jobs CROSS JOIN announced WHERE e."kind" = 'owned'`;

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

const endAnnouncements = (items: TRunEndItem[]) =>
  JSON.stringify(
    items.flatMap(({ runId, end, announceEnd }) => (announceEnd && (end.status === "succeeded" || end.status === "failed") ? [{ runId, status: end.status }] : [])),
  );

const endBatches = new StatementBatches<TRunEndItem, boolean>(async (items) => {
  const owned = new Set((await sql.query<{ runId: string }>(END_RUNS_SQL, [endRows(items), recordRows(items), endAnnouncements(items)])).map((row) => row.runId));
  return items.map((item) => owned.has(item.runId));
}, { lingerMs: LINGER_MS });

/** Commits step records of a run, if this execution still owns it; resolves once they are durable. */
export async function writeStepRecords(item: TRunRecords): Promise<void> {
  if (item.records.length === 0) return;
  if (!(await recordBatches.add(item))) throw new RunFenced(item.runId);
}

/** Commits a run's answer to its Request trigger's call with the records held before it, if this execution still owns the run; resolves once durable and announced. */
export async function writeRunAnswer(item: TRunAnswerItem): Promise<void> {
  if (!(await answerBatches.add(item))) throw new RunFenced(item.runId);
}

/** Commits the end of an execution with its last records, if it still owns the run; resolves once durable. */
export async function writeRunEnd(item: TRunEndItem): Promise<void> {
  if (!(await endBatches.add(item))) throw new RunFenced(item.runId);
}
