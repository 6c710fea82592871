// Pure helpers of the editor's schedule panels: ticks in plain words, the catch-up window in minutes or hours,
// and date-time inputs read in the schedule's zone (the browser's own zone may be another one).
import { formatUtcOffset, offsetAt, resolveWall, wallOf } from "@/lib/schedules/wall-clock";
import type { TScheduleTick } from "@/lib/schemas/schedule";

const TICK_REASONS: Record<string, string> = {
  missed_while_down: "Missed while no worker was running; the catch-up policy skips missed ticks",
  outside_catch_up_window: "Missed longer ago than the catch-up window",
  collapsed_into_one: "Missed while no worker was running; one run covered the missed period",
  paused: "The schedule was paused",
  undeployed: "The workflow was undeployed before its time",
  redeployed: "A new version was deployed before its time",
  schedule: "On time",
  catch_up: "Caught up after a worker came back",
  backfill: "Run by a backfill",
};

/** Why a tick ran or was skipped, in plain words; an unknown reason reads as its words. */
export function describeTickReason(reason: string): string {
  const known = TICK_REASONS[reason];
  if (known) return known;
  const words = reason.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

/** What a tick started: "2 runs", "No runs (no user has the workflow on)", with the users overlap left out. */
export function describeTickRuns(tick: Pick<TScheduleTick, "outcome" | "runs" | "overlapped">): string {
  if (tick.outcome === "skipped") return "No runs (skipped)";
  const runs = tick.runs === 0 && tick.overlapped === 0 ? "No runs (no user has the workflow on)" : plural(tick.runs, "run", "runs");
  if (tick.overlapped === 0) return runs;
  return `${runs}; ${plural(tick.overlapped, "user", "users")} left out, their previous run still going`;
}

export type TWindowUnit = "minutes" | "hours";
export type TWindow = { value: number; unit: TWindowUnit };
const UNIT_SECONDS: Record<TWindowUnit, number> = { minutes: 60, hours: 3600 };
/** ZCatchUp's bound (schedule-format.test.ts checks that they agree). */
export const MAX_CATCH_UP_WINDOW_SECONDS = 7 * 86_400;

/** The catch-up window as the form shows it: whole hours when it is some, else minutes (at least 1). */
export function windowOfSeconds(seconds: number): TWindow {
  if (seconds >= 3600 && seconds % 3600 === 0) return { value: seconds / 3600, unit: "hours" };
  return { value: Math.max(1, Math.round(seconds / 60)), unit: "minutes" };
}

export function secondsOfWindow(window: TWindow): number {
  return window.value * UNIT_SECONDS[window.unit];
}

/** The window a unit shows for a number of seconds (fractional when it is not whole in that unit). */
export function windowInUnit(seconds: number, unit: TWindowUnit): TWindow {
  return { value: seconds / UNIT_SECONDS[unit], unit };
}

/** What is wrong with a window the builder typed: whole units, at least a minute, at most MAX_CATCH_UP_WINDOW_SECONDS. */
export function catchUpWindowError(window: TWindow): string | undefined {
  const max = MAX_CATCH_UP_WINDOW_SECONDS / UNIT_SECONDS[window.unit];
  if (Number.isInteger(window.value) && window.value >= 1 && window.value <= max) return undefined;
  return `Use a whole number of ${window.unit} from 1 to ${max.toLocaleString("en-US")} (7 days)`;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function wallParts(wall: number) {
  const date = new Date(wall);
  return {
    date: `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
    time: `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`,
    seconds: pad(date.getUTCSeconds()),
  };
}

/** An instant in a zone, as the schedule panels show it: "2026-12-03 14:05:02" and "+01:00". */
export function formatInZone(iso: string, zone: string): { local: string; utcOffset: string } {
  const instant = new Date(iso).getTime();
  const { date, time, seconds } = wallParts(wallOf(instant, zone));
  return { local: `${date} ${time}:${seconds}`, utcOffset: formatUtcOffset(offsetAt(instant, zone)) };
}

/** An instant as a `datetime-local` value ("2026-12-03T14:05") read in `zone`; seconds dropped. */
export function toZonedInput(instant: Date, zone: string): string {
  const { date, time } = wallParts(wallOf(instant.getTime(), zone));
  return `${date}T${time}`;
}

const ZONED_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value read as wall-clock time in `zone`, as an ISO instant; null when it is not a date-time.
 * A time the clocks skip reads as the first instant after it, a repeated one as its first occurrence (the
 * schedules' own rule).
 */
export function fromZonedInput(value: string, zone: string): string | null {
  const match = ZONED_INPUT.exec(value);
  if (!match) return null;
  const parts = match.slice(1).map((part) => Number(part ?? 0));
  const [year, month, day, hours, minutes, seconds] = parts;
  const wall = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  // Date.UTC rolls 31 April over into May and reads years below 100 as 19xx: such a value is not a date-time.
  const date = new Date(wall);
  const fields = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  if (fields.some((field, index) => field !== parts[index])) return null;
  return new Date(resolveWall(wall, zone).at).toISOString();
}
