import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { queryPrepared } from "@/lib/db/prepared";
import { StatementBatches } from "@/lib/db/statement-batches";
import { RAW_SQL_CONNECTION_OPTIONS } from "@/lib/db/sql";

// A project's concurrency slots are session advisory locks, and every slot a worker process holds is held by
// one connection of its own, its slot session. Runs are claimed through it in batches (StatementBatches):
// whatever claims and releases arrive in one turn of the event loop, or while the previous statement is out,
// go out as one call of switchyard_claim_runs (migration claim_runs_in_batches), which frees the released
// slots, takes a slot for each claimable run and marks it running. A worker that dies drops the session, and
// PostgreSQL frees its slots with it.
//
// Advisory locks are re-entrant, so the session would happily take a slot it already holds: the worker keeps
// the slots it holds per project and sends them with each claim, and the function skips them.
//
// If a statement on the session fails, the session is closed (which frees all its slots, including any taken
// by the failed statement, since advisory locks outlive a rolled-back transaction), and the next statement opens
// a new session: the claims of the failed batch are tried again one by one there, and a claim that fails alone
// fails its job, which the queue retries. Runs still executing under the old
// session's slots finish without them; their releases are dropped, so they can never free a slot of the new
// session. For that moment a project can run more than its limit.

export type TClaimedRun = {
  id: string;
  projectId: string;
  workflowVersionId: string;
  input: { type: string; payload: unknown };
  /** Before this execution: null on a run's first execution. */
  startedAt: Date | null;
  externalId: string | null;
  metadata: unknown;
  settings: Record<string, unknown> | null;
  /** null: the project is at its concurrency limit and the run was left as it was. */
  slot: number | null;
  /** false: cancelled between the read and the update; its slot is already free again. */
  started: boolean;
  /** The slot session that took the slot (set here, not by the database). */
  session: number;
};

type THeldSlot = { projectId: string; slot: number; session: number };

const CLAIM_SQL = `SELECT * FROM switchyard_claim_runs($1::uuid[], $2::jsonb, $3::jsonb)`;

type TSlotRequest = { claim: string } | { release: THeldSlot };

class SlotSession {
  private client: Promise<pg.Client> | undefined;
  /** Which session the held slots belong to; a new one starts with none. */
  private session = 0;
  private held = new Map<string, Set<number>>();
  // One statement at a time on the session: `held` is read just before each, so a slot taken by one
  // statement is always known to the next.
  private readonly batches = new StatementBatches<TSlotRequest, TClaimedRun | null>((requests) => this.send(requests));

  claim(runId: string): Promise<TClaimedRun | null> {
    return this.batches.add({ claim: runId });
  }

  release(held: THeldSlot): void {
    if (held.session !== this.session) return;
    const slots = this.held.get(held.projectId);
    if (!slots?.delete(held.slot)) return;
    if (slots.size === 0) this.held.delete(held.projectId);
    // A release that fails went with its session, which frees the slot anyway.
    this.batches.add({ release: held }).catch(() => {});
  }

  /** Claims a run id that matches no run: the session opens and plans its run lookup; nothing is locked or written. */
  async warmUp(): Promise<void> {
    await this.claim(randomUUID());
  }

  async close(): Promise<void> {
    const client = this.client;
    this.reset();
    await client?.then((connected) => connected.end()).catch(() => {});
  }

  private async send(requests: TSlotRequest[]): Promise<(TClaimedRun | null)[]> {
    const runIds = requests.flatMap((request) => ("claim" in request ? [request.claim] : []));
    // A release from an earlier session is dropped: that session's slots went with its connection, and the
    // same slot number may be another run's in this one.
    const releases = requests.flatMap((request) =>
      "release" in request && request.release.session === this.session ? [{ projectId: request.release.projectId, slot: request.release.slot }] : [],
    );
    if (runIds.length === 0 && releases.length === 0) return requests.map(() => null);
    try {
      const rows = await this.claimBatch(runIds, releases);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return requests.map((request) => ("claim" in request ? (byId.get(request.claim) ?? null) : null));
    } catch (error) {
      this.reset();
      throw error;
    }
  }

  private async claimBatch(runIds: string[], releases: { projectId: string; slot: number }[]): Promise<TClaimedRun[]> {
    const held = Object.fromEntries([...this.held].map(([projectId, slots]) => [projectId, [...slots]]));
    const session = this.session;
    const client = await this.connect();
    const rows = await queryPrepared<TClaimedRun>(client, CLAIM_SQL, [runIds, JSON.stringify(held), JSON.stringify(releases)]);
    // The session was dropped meanwhile (its connection failed): whatever it took is free already.
    if (session !== this.session) throw new Error("The slot session was lost while claiming runs");
    for (const row of rows) {
      row.session = session;
      if (row.started && row.slot !== null) {
        const slots = this.held.get(row.projectId) ?? new Set<number>();
        slots.add(row.slot);
        this.held.set(row.projectId, slots);
      }
    }
    return rows;
  }

  private connect(): Promise<pg.Client> {
    this.client ??= (async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL, options: RAW_SQL_CONNECTION_OPTIONS });
      // A session lost while idle took its slots with it: start afresh. Never let it crash the worker.
      const session = this.session;
      client.on("error", (error) => {
        console.error(`[worker] slot session lost: ${error.message}`);
        if (this.session === session) this.reset();
      });
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  /** Drops the session: its connection closes, and with it every slot it held. */
  private reset(): void {
    const client = this.client;
    this.client = undefined;
    this.session++;
    this.held.clear();
    void client?.then((connected) => connected.end()).catch(() => {});
  }
}

const globalForSlots = globalThis as unknown as { switchyardSlotSession?: SlotSession };
const slots = () => (globalForSlots.switchyardSlotSession ??= new SlotSession());

/**
 * Claims a run for execution: null when it cannot execute (finished, cancelled, gone); otherwise the run,
 * with `slot` null when its project is at its concurrency limit (nothing was changed) and `started` false
 * when it was cancelled meanwhile.
 */
export function claimRun(runId: string): Promise<TClaimedRun | null> {
  return slots().claim(runId);
}

/** Frees a started run's slot (with the session's next statement); a slot of an earlier session is already free. */
export function releaseRunSlot(run: Pick<TClaimedRun, "projectId" | "session"> & { slot: number }): void {
  slots().release({ projectId: run.projectId, slot: run.slot, session: run.session });
}

/** Opens the slot session and plans its statement ahead of the first job. */
export function warmUpRunSlots(): Promise<void> {
  return slots().warmUp();
}

/** Closes the slot session, which frees every slot it holds. */
export async function closeRunSlots(): Promise<void> {
  await globalForSlots.switchyardSlotSession?.close();
  globalForSlots.switchyardSlotSession = undefined;
}
