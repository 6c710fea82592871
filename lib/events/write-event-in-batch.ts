import "server-only";
import { consumeRateLimitHits, type TRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import type { TTriggerEventResponse } from "@/lib/schemas/event";
import { eventRowJson, type TEventRow, type TWrittenEvent, touchUsers, writeEvents } from "./write-events";

// Every transaction that queues a job NOTIFYs the worker, and PostgreSQL serialises the commits of notifying
// transactions through a database-wide lock held across the WAL flush: one event per transaction caps a
// whole installation at one event per fsync (about 300/s on this machine's disk). So the events a process
// receives for one project while its previous write is in flight wait for it, then go together: one rate-limit
// statement and one write statement for all of them. A lone event still goes at once.
const MAX_BATCH_EVENTS = 100;
const MAX_BATCH_BYTES = 2 * 1024 * 1024;

type TPendingWrite = {
  row: TEventRow;
  json: string;
  rateLimit: TRateLimit;
  resolve: (response: TTriggerEventResponse) => void;
  reject: (error: unknown) => void;
};

// Per project, the writes waiting while one batch of that project is in flight; absent when none is.
const waiting = new Map<string, TPendingWrite[]>();

/**
 * Counts the event against the project's rate limit and writes it (with its new user, runs and jobs),
 * together with the other events of the project this process is writing at the same moment. Resolves once
 * all of it committed; rejects with rate_limited past the limit, or with the error of its own write.
 */
export function writeEventInBatch(options: { projectId: string; rateLimit: TRateLimit; row: TEventRow }): Promise<TTriggerEventResponse> {
  return new Promise((resolve, reject) => {
    const pending: TPendingWrite = { row: options.row, json: eventRowJson(options.row), rateLimit: options.rateLimit, resolve, reject };
    const queue = waiting.get(options.projectId);
    if (queue) {
      queue.push(pending);
      return;
    }
    waiting.set(options.projectId, [pending]);
    void drain(options.projectId);
  });
}

async function drain(projectId: string): Promise<void> {
  const queue = waiting.get(projectId) as TPendingWrite[];
  while (queue.length > 0) {
    let bytes = 0;
    let size = 0;
    while (size < queue.length && size < MAX_BATCH_EVENTS && (size === 0 || bytes + queue[size].json.length <= MAX_BATCH_BYTES)) {
      bytes += queue[size].json.length;
      size += 1;
    }
    await writeBatch(projectId, queue.splice(0, size));
  }
  waiting.delete(projectId);
}

/** Settles every write of the batch; never throws. */
async function writeBatch(projectId: string, batch: TPendingWrite[]): Promise<void> {
  let admitted: TPendingWrite[];
  try {
    const consumed = await consumeRateLimitHits({ ...batch[0].rateLimit, hits: batch.length });
    for (const refused of batch.slice(consumed.admitted)) refused.reject(consumed.refusal);
    admitted = batch.slice(0, consumed.admitted);
  } catch (error) {
    for (const pending of batch) pending.reject(error);
    return;
  }
  if (admitted.length === 0) return;
  const written = new Map<TPendingWrite, TWrittenEvent>();
  try {
    const results = await writeEvents(projectId, admitted.map((pending) => pending.json));
    for (const pending of admitted) collect(pending, results, written);
  } catch (error) {
    if (admitted.length === 1) {
      admitted[0].reject(error);
    } else {
      // One event that cannot be written (a reused Idempotency-Key, an App Event deleted meanwhile) must not
      // fail the others: each is written on its own and gets its own answer. Their hits were counted already.
      for (const pending of admitted) {
        try {
          collect(pending, await writeEvents(projectId, [pending.json]), written);
        } catch (ownError) {
          pending.reject(ownError);
        }
      }
    }
  }
  const seenLongAgo = new Set([...written].filter(([, result]) => result.userSeenLongAgo).map(([pending]) => pending.row.externalId));
  // The events committed already: a failure here costs a lastSeenAt, never an answer.
  await touchUsers(projectId, [...seenLongAgo]).catch((error: unknown) => {
    console.error(`[switchyard] could not record when users were last seen: ${(error as Error).message}`);
  });
  for (const [pending, result] of written) pending.resolve(result.response);
}

function collect(pending: TPendingWrite, results: Map<string, TWrittenEvent>, written: Map<TPendingWrite, TWrittenEvent>): void {
  const result = results.get(pending.row.eventId);
  if (result) written.set(pending, result);
  else pending.reject(new Error(`event ${pending.row.eventId} was not written`));
}
