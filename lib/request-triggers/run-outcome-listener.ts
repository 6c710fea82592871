import "server-only";
import { LRUCache } from "lru-cache";
import pg from "pg";
import { sql } from "@/lib/db/sql";
import { RUN_OUTCOME_CHANNEL, type TRunAnswer, type TRunOutcomeMessage } from "@/lib/runs/run-outcomes";

// The web side of a Request trigger's call: the process holding calls waits for their runs' outcomes on ONE
// LISTEN connection, whatever the number of calls, and hands each announcement (lib/runs/run-outcomes.ts) to
// the call waiting for that run, through a map by run id. Nothing polls. A connection that drops is opened
// again while calls wait, and what it may have missed is read from the database once it listens again.

export type TRunOutcome = { kind: "answered"; answer: TRunAnswer } | { kind: "ended"; status: "succeeded" | "failed" } | { kind: "timeout" };

type TWaiter = (outcome: TRunOutcome) => void;

type TListenerState = {
  client: pg.Client | null;
  listening: Promise<void> | null;
  waiters: Map<string, TWaiter>;
  // An announcement can come before its call starts waiting: the call's own dispatch reply and the announcement
  // arrive on two connections, and a busy event loop may read the second first. Every web process hears every
  // announcement, so this also holds other processes' runs, bounded, and without their answers (a call that
  // finds its run here reads the answer from the database).
  unclaimed: LRUCache<string, TRunOutcomeMessage>;
  reconnecting: boolean;
};

// On globalThis: in production the fast path and Next's bundle of the same route each have a copy of this module.
const globalState = globalThis as unknown as { switchyardRunOutcomes?: TListenerState };
const state: TListenerState = (globalState.switchyardRunOutcomes ??= {
  client: null,
  listening: null,
  waiters: new Map(),
  unclaimed: new LRUCache({ max: 10_000, ttl: 60_000 }),
  reconnecting: false,
});

const RECONNECT_DELAY_MS = 500;

/** Resolves once this process listens for run outcomes (opening its connection on first use). */
export function listenForRunOutcomes(): Promise<void> {
  state.listening ??= connect().catch((error: unknown) => {
    state.listening = null;
    throw error;
  });
  return state.listening;
}

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const lost = () => {
    if (state.client !== client) return;
    state.client = null;
    state.listening = null;
    client.end().catch(() => {});
    if (state.waiters.size > 0) void reconnect();
  };
  client.on("notification", (message) => {
    if (message.channel === RUN_OUTCOME_CHANNEL && message.payload) receive(message.payload);
  });
  client.on("error", lost);
  client.on("end", lost);
  try {
    await client.connect();
    await client.query(`LISTEN ${RUN_OUTCOME_CHANNEL}`);
  } catch (error) {
    client.end().catch(() => {});
    throw error;
  }
  state.client = client;
}

/** Listens again, then settles the waiting calls whose runs' announcements may have gone by meanwhile. */
async function reconnect(): Promise<void> {
  if (state.reconnecting) return;
  state.reconnecting = true;
  try {
    for (;;) {
      try {
        await listenForRunOutcomes();
        break;
      } catch {
        if (state.waiters.size === 0) return;
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS).unref());
      }
    }
    await catchUp([...state.waiters.keys()]);
  } catch (error) {
    console.error(`[switchyard] reading the outcomes of waiting request-trigger runs failed: ${(error as Error).message}`);
  } finally {
    state.reconnecting = false;
  }
}

async function catchUp(runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  const rows = await sql.query<{ id: string; status: string; response: TRunAnswer | null }>(
    `SELECT r."id", r."status"::text AS "status", a."response" FROM "Run" r LEFT JOIN "RunResponse" a ON a."runId" = r."id" WHERE r."id" = ANY($1::uuid[])`,
    [runIds],
  );
  for (const row of rows) {
    if (row.response) settle(row.id, { kind: "answered", answer: row.response });
    else if (row.status === "succeeded" || row.status === "failed") settle(row.id, { kind: "ended", status: row.status });
  }
}

function receive(payload: string): void {
  let message: TRunOutcomeMessage;
  try {
    message = JSON.parse(payload) as TRunOutcomeMessage;
  } catch {
    return;
  }
  if (typeof message?.runId !== "string") return;
  if (state.waiters.has(message.runId)) void claim(message);
  else state.unclaimed.set(message.runId, "answer" in message ? { runId: message.runId, answered: true } : message);
}

/** Turns an announcement into the outcome of the call waiting for its run. */
async function claim(message: TRunOutcomeMessage): Promise<void> {
  const waiter = state.waiters.get(message.runId);
  if (!waiter) return;
  // Whatever comes next for this run (its end, after the answer) is not for this call.
  state.waiters.delete(message.runId);
  if ("answer" in message) return waiter({ kind: "answered", answer: message.answer });
  if ("ended" in message) return waiter({ kind: "ended", status: message.ended });
  try {
    const [row] = await sql.query<{ response: TRunAnswer }>(`SELECT "response" FROM "RunResponse" WHERE "runId" = $1::uuid`, [message.runId]);
    waiter(row ? { kind: "answered", answer: row.response } : { kind: "timeout" });
  } catch (error) {
    console.error(`[switchyard] reading the answer of run ${message.runId} failed: ${(error as Error).message}`);
    waiter({ kind: "timeout" });
  }
}

function settle(runId: string, outcome: TRunOutcome): void {
  const waiter = state.waiters.get(runId);
  state.waiters.delete(runId);
  waiter?.(outcome);
}

/**
 * What became of run `runId` within `timeoutMs`: its answer, its end without one, or the timeout. Call it once
 * per run, after listenForRunOutcomes resolved and the run was committed.
 */
export function waitForRunOutcome(runId: string, timeoutMs: number): Promise<TRunOutcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => settle(runId, { kind: "timeout" }), Math.max(0, timeoutMs));
    state.waiters.set(runId, (outcome) => {
      clearTimeout(timer);
      resolve(outcome);
    });
    const early = state.unclaimed.get(runId);
    if (early) {
      state.unclaimed.delete(runId);
      void claim(early);
    } else if (!state.client) {
      void reconnect();
    }
  });
}

/** How many calls wait (for tests and diagnostics). */
export function waitingCallCount(): number {
  return state.waiters.size;
}
