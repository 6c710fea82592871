import "server-only";
import { KeyedStatementBatches } from "@/lib/db/statement-batches";
import { consumeRateLimitHits, type TRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import type { TTriggerEventResponse } from "@/lib/schemas/event";
import { eventRowJson, type TEventRow, type TWrittenEvent, touchUsers, writeEvents } from "./write-events";

// Every transaction that queues a job NOTIFYs the worker, and PostgreSQL serialises the commits of notifying
// transactions through a database-wide lock held across the WAL flush: one event per transaction caps a
// whole installation at one event per fsync (about 300/s on this machine's disk). So the events a process
// receives for one project while its previous write is in flight wait for it, then go together: one rate-limit
// statement and one write statement for all of them. A lone event still goes at once (`immediate`).
const MAX_BATCH_EVENTS = 100;
const MAX_BATCH_BYTES = 2 * 1024 * 1024;

type TPendingWrite = { row: TEventRow; json: string; rateLimit: TRateLimit };

const batches = new KeyedStatementBatches<TPendingWrite, TWrittenEvent | undefined>(writeBatch, {
  maxItems: MAX_BATCH_EVENTS,
  maxBytes: MAX_BATCH_BYTES,
  sizeOf: (pending) => pending.json.length,
  immediate: true,
  // Once per batch, so an event retried alone after a failed shared write is not counted twice.
  admit: (pending) => consumeRateLimitHits({ ...pending[0].rateLimit, hits: pending.length }),
});

/**
 * Counts the event against the project's rate limit and writes it (with its new user, runs and jobs),
 * together with the other events of the project this process is writing at the same moment. Resolves once
 * all of it committed; rejects with rate_limited past the limit, or with the error of its own write.
 */
export async function writeEventInBatch(options: { projectId: string; rateLimit: TRateLimit; row: TEventRow }): Promise<TTriggerEventResponse> {
  const pending = { row: options.row, json: eventRowJson(options.row), rateLimit: options.rateLimit };
  const written = await batches.add(options.projectId, pending);
  if (!written) throw new Error(`event ${options.row.eventId} was not written`);
  return written.response;
}

/** Projects with events waiting or being written in this process (for tests). */
export function projectsWriting(): number {
  return batches.activeKeys;
}

// A failed write is retried event by event (one event that cannot be written, a reused Idempotency-Key or an
// App Event deleted meanwhile, must not fail the others), so nothing after the commit may throw.
async function writeBatch(projectId: string, batch: TPendingWrite[]): Promise<(TWrittenEvent | undefined)[]> {
  const results = await writeEvents(projectId, batch.map((pending) => pending.json));
  const written = batch.map((pending) => results.get(pending.row.eventId));
  const seenLongAgo = new Set(batch.filter((_, i) => written[i]?.userSeenLongAgo).map((pending) => pending.row.externalId));
  // The events committed already: a failure here costs a lastSeenAt, never an answer.
  await touchUsers(projectId, [...seenLongAgo]).catch((error: unknown) => {
    console.error(`[switchyard] could not record when users were last seen: ${(error as Error).message}`);
  });
  return written;
}
