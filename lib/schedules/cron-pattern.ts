// Cron expressions: croner parses them and finds the wall-clock times they match. Client-safe.
// croner runs here with no time zone (a UTC offset of 0 on walls, see wall-clock.ts): with its own `timezone`
// option it moves a skipped 02:30 to 03:30 rather than 03:00, lists duplicates after a spring-forward, and,
// asked from inside a repeated hour's second pass, answers a time before the one it was given. The calculator
// applies the zone and the DST rule itself.
import { Cron } from "croner";

const FIELD_COUNT_REASON = "A cron expression has 5 fields, or 6 with seconds first";
// Past this many cached expressions the cache starts over; a server sees a few distinct ones per workflow.
const MAX_CACHED = 500;
const cache = new Map<string, TCronWalls>();

export type TCronWalls = {
  /** The first wall time after `wall` the expression matches (walls are whole seconds), or null. */
  nextAfter(wall: number): number | null;
  /** False when the expression matches no date at all, such as 30 February. */
  matchesSomeDate: boolean;
};

function parseCron(expression: string): Cron {
  return new Cron(expression, { utcOffset: 0, mode: "5-or-6-parts" });
}

/** null when croner accepts the expression (5 fields, or 6 with seconds first), else its reason. */
export function validateCronExpression(expression: string): string | null {
  const trimmed = expression.trim();
  // croner also takes nicknames (@daily), ISO dates (one run) and a year field; a schedule is 5 or 6 fields.
  const fields = trimmed.split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return FIELD_COUNT_REASON;
  try {
    parseCron(trimmed);
    return null;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).replace(/^CronPattern: /, "");
  }
}

/** The matcher of a valid expression; throws an Error with croner's reason for an invalid one. */
export function cronWallsOf(expression: string): TCronWalls {
  const trimmed = expression.trim();
  const cached = cache.get(trimmed);
  if (cached) return cached;
  const reason = validateCronExpression(trimmed);
  if (reason) throw new Error(`Invalid cron expression "${trimmed}": ${reason}`);
  const cron = parseCron(trimmed);
  const nextAfter = (wall: number) => cron.nextRun(new Date(wall))?.getTime() ?? null;
  // Without a year field an expression repeats every 400 years, and croner looks 1,000 years ahead.
  const walls: TCronWalls = { nextAfter, matchesSomeDate: nextAfter(Date.UTC(2000, 0, 1)) !== null };
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(trimmed, walls);
  return walls;
}
