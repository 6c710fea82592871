import "server-only";
import pg from "pg";
import { sql } from "@/lib/db/sql";
import { FIRE_AHEAD_MS, FIRE_PARALLELISM, fireDueTicks } from "./fire-due-ticks";
import { SCHEDULES_CHANNEL } from "./sync-deployed-schedule";

// How long a ticker sleeps at most before it looks again, should a wake-up announcement be lost.
const MAX_SLEEP_MS = 5_000;
// How soon to look again at a due tick another process is firing.
const BUSY_RETRY_MS = 5;

// When the next tick of any running schedule is due, in ms from now by PostgreSQL's clock (negative: overdue).
const NEXT_DUE_SQL = `
  SELECT (extract(epoch FROM min(z."nextTickAt" - make_interval(secs => z."fireLeadMs" / 1000.0)) - clock_timestamp()) * 1000)::float AS "inMs"
  FROM "ScheduleZone" z JOIN "Schedule" s ON s."workflowId" = z."workflowId"
  WHERE s."pausedAt" IS NULL AND z."nextTickAt" IS NOT NULL`;

export type TScheduleTicker = { stop: () => Promise<void> };

/**
 * Fires schedules from a worker process. Nothing here decides a firing: a timer only wakes the ticker when the
 * next tick PostgreSQL says is due is FIRE_AHEAD_MS (and its stream's fireLeadMs) away (or when a deploy, pause or resume announces a change),
 * and the tick is taken, under its stream's row lock, by whichever process locks it first
 * (lib/schedules/fire-due-ticks.ts).
 * Any number of workers run one each; every tick fires once.
 */
export function startScheduleTicker(options: { log: (line: string) => void }): TScheduleTicker {
  let stopped = false;
  let wake: (() => void) | undefined;
  let listener: pg.Client | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const listen = async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    client.on("notification", () => wake?.());
    // A lost listener only costs precision until the next look (MAX_SLEEP_MS); it is opened again then.
    client.on("error", () => (listener = undefined));
    client.on("end", () => (listener = undefined));
    await client.connect();
    await client.query(`LISTEN ${SCHEDULES_CHANNEL}`);
    listener = client;
  };

  const loop = async () => {
    while (!stopped) {
      try {
        if (!listener) await listen().catch((error: unknown) => options.log(`[worker] schedule listener: ${(error as Error).message}`));
        const [{ inMs }] = await sql.query<{ inMs: number | null }>(NEXT_DUE_SQL);
        if (inMs !== null && inMs <= FIRE_AHEAD_MS) {
          const fired = await fireDueTicks({ parallel: FIRE_PARALLELISM });
          for (const stream of fired) {
            if (stream.skipped > 0) options.log(`[worker] schedule ${stream.workflowId} (${stream.zone}): ${stream.skipped} tick(s) skipped, ${stream.ran} fired`);
          }
          // Due, but another process holds it: it commits within milliseconds.
          if (fired.length === 0) await sleep(BUSY_RETRY_MS);
          continue;
        }
        await sleep(inMs === null ? MAX_SLEEP_MS : Math.min(Math.ceil(inMs - FIRE_AHEAD_MS), MAX_SLEEP_MS));
      } catch (error) {
        options.log(`[worker] schedule ticker: ${(error as Error).message}`);
        if (!stopped) await sleep(1_000);
      }
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await running;
      await listener?.end().catch(() => {});
    },
  };
}
