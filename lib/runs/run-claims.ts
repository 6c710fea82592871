import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "@/lib/db/sql";
import { StatementBatches } from "@/lib/db/statement-batches";
import { WalkAborted } from "@/lib/engine/executor/types";

// Who may execute a run, and when.
//
// Ownership: one execution owns a run at a time. Claiming a run for execution (switchyard_claim_runs, migration
// engine_hardening) increments its lease, a fencing token, and the claim answers it. Every write of the
// execution (step records, the attempt of a Request recorded as started just before it is sent, the run's end)
// is made by a statement that locks the run only if its lease still matches and writes nothing otherwise
// (run-write-batches.ts). So if the queue hands a run's job to another worker while the first still executes it
// (the first was reaped as dead: a stalled event loop, a network partition), the first is refused at its next
// write, sends no further Request and never ends the run: it stops with RunFenced. What it was sending when it
// lost the run is recorded as started, and the new owner marks it interrupted and sends it again with the same
// Idempotency-Key: at most one re-send of the step in flight, visible and keyed.
//
// Concurrency slots: a project runs at most its concurrencyLimit runs at once. A run holds a slot
// (Run.holdsSlot, counted in ProjectRunSlots.used under that row's lock) from admission until it ends or waits.
// Dispatch admits the new runs that fit and parks the others, with no job; a run resuming after a delay takes a
// slot at its claim, or is parked. A run that frees a slot admits the project's oldest parked run in the same
// transaction and queues its job. Nothing polls, and a project's backlog never sits in the queue ahead of other
// projects' runs: each project has at most its limit of runs' jobs queued to start.

/** The run an execution owns, and the lease that proves it. */
export type TRunLease = { runId: string; projectId: string; lease: string };

/** This execution no longer owns the run: another claimed it (or it was ended for good). It must stop and write nothing. */
export class RunFenced extends WalkAborted {
  constructor(readonly runId: string) {
    super(`Run ${runId} was taken over by another execution; this one stops without writing`);
    this.name = "RunFenced";
  }
}

export type TClaimedRun = {
  id: string;
  projectId: string;
  workflowVersionId: string;
  input: { type: string; [field: string]: unknown };
  /** Before this execution: null on a run's first execution. */
  startedAt: Date | null;
  externalId: string | null;
  metadata: unknown;
  settings: Record<string, unknown> | null;
  /** The fencing token of this execution (a bigint, as text). */
  lease: string;
};

type TClaimRow = Omit<TClaimedRun, "lease"> & { lease: string | null; outcome: "started" | "parked" };

const CLAIM_SQL = `SELECT * FROM switchyard_claim_runs($1::uuid[])`;

// The claims of the runs a worker starts at the same moment go out as one statement.
const claims = new StatementBatches<string, TClaimRow | null>(async (runIds) => {
  const rows = await sql.query<TClaimRow>(CLAIM_SQL, [runIds]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return runIds.map((runId) => byId.get(runId) ?? null);
});

/**
 * Claims a run for execution: the run under a new lease, or null when it cannot execute now (finished,
 * cancelled, gone, or parked until a slot of its project frees).
 */
export async function claimRun(runId: string): Promise<TClaimedRun | null> {
  const row = await claims.add(runId);
  if (!row || row.outcome !== "started" || row.lease === null) return null;
  return { ...row, lease: row.lease };
}

/** Claims a run id that matches no run, so that a worker's connections plan the claim ahead of its first job. */
export async function warmUpRunClaims(): Promise<void> {
  await claimRun(randomUUID());
}
