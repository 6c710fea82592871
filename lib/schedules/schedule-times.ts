// When a schedule fires: pure functions of the schedule, the zone, the anchor (the deploy time) and the instants
// asked about; no clock is read. Client-safe, so the server's ticker and the editor's preview share it.
// - Seconds and minutes are true intervals from the anchor: anchor + k·N for k ≥ 1, whatever the zone.
// - Hourly starts at the first instant after the anchor whose local minute is M, then every N hours of elapsed time.
// - Daily (local dates anchorDate + k·N), weekly and cron name wall-clock times. A time the clocks skip fires at
//   the first instant after it (02:30 on a spring-forward night in New York fires at 03:00 EDT); a time they
//   repeat fires once, at its first occurrence.
// Every loop is bounded: a schedule that can never fire (cron "0 0 30 2 *") yields fewer times, not a hang.
// The zone and a cron expression must be valid (ZSchedule checks both); otherwise these throw.
import type { TSchedule } from "@/lib/schemas/workflow";
import { cronWallsOf } from "./cron-pattern";
import { DAY, formatUtcOffset, HOUR, MINUTE, offsetAt, resolveWall, SECOND, searchWallAfter, wallOf, type TWallInstant } from "./wall-clock";

export { validateCronExpression } from "./cron-pattern";

/**
 * `timezone` is the zone to evaluate in, resolved by the caller (a user's zone, else the schedule's, else the
 * project's); the schedule's own `timezone` field is not read. `anchor` is the deploy time: no fire is at or before it.
 */
export type TFireTimesInput = { schedule: TSchedule; timezone: string; anchor: Date };

/** A fire time, with the wall time it stands for when the schedule names wall-clock times. */
type TFire = { at: number; wall?: number; kind?: TWallInstant["kind"] };
type TSequence = {
  /** The fires strictly after `after` (which is not before the anchor), in order, one per call, then null. */
  from(after: number): () => TFire | null;
  /** The latest fire strictly before `before`; the caller checks that it is after the anchor. */
  previous(before: number): TFire | null;
};

/** The first `count` fire times strictly after `after` (and after `anchor`), ascending. */
export function fireTimesAfter(input: TFireTimesInput & { after: Date; count: number }): Date[] {
  return collectFires(input, Math.max(instant(input.after), instant(input.anchor)), input.count).map((fire) => new Date(fire.at));
}

/** Fire times in (from, to], ascending, at most `limit`; truncated says more existed. */
export function fireTimesBetween(input: TFireTimesInput & { from: Date; to: Date; limit: number }): { times: Date[]; truncated: boolean } {
  const to = instant(input.to);
  const next = sequenceOf(input).from(Math.max(instant(input.from), instant(input.anchor)));
  const times: Date[] = [];
  for (let fire = next(); fire && fire.at <= to; fire = next()) {
    if (times.length >= input.limit) return { times, truncated: true };
    times.push(new Date(fire.at));
  }
  return { times, truncated: false };
}

/** The latest fire time strictly before `before` and after `anchor`, or null. */
export function previousFireTime(input: TFireTimesInput & { before: Date }): Date | null {
  const anchor = instant(input.anchor);
  const before = instant(input.before);
  if (before <= anchor) return null;
  const fire = sequenceOf(input).previous(before);
  return fire && fire.at > anchor ? new Date(fire.at) : null;
}

/** Whether the fire instants depend on the time zone (seconds/minutes intervals do not). */
export function isZoneDependent(schedule: TSchedule): boolean {
  return schedule.every !== "seconds" && schedule.every !== "minutes";
}

const PERIOD_MS: Record<TSchedule["every"], (schedule: TSchedule) => number> = {
  seconds: (schedule) => ("interval" in schedule ? schedule.interval : 1) * 1_000,
  minutes: (schedule) => ("interval" in schedule ? schedule.interval : 1) * 60_000,
  hourly: (schedule) => ("interval" in schedule ? schedule.interval : 1) * 3_600_000,
  daily: (schedule) => ("interval" in schedule ? schedule.interval : 1) * 86_400_000,
  weekly: () => 7 * 86_400_000,
  cron: () => 7 * 86_400_000,
};

/**
 * The deploy's anchor moved back by whole periods to before `instant`, so that a range before the deploy gets
 * the ticks of the same grid the schedule fires on (intervals count from the anchor): for backfills and for
 * listing the ticks of a past range.
 */
export function anchorBefore(schedule: TSchedule, anchor: Date, instant: Date): Date {
  if (instant >= anchor) return anchor;
  const period = PERIOD_MS[schedule.every](schedule);
  const periods = Math.ceil((anchor.getTime() - instant.getTime()) / period) + 1;
  return new Date(anchor.getTime() - periods * period);
}

export type TFireTimePreview = { at: string; local: string; utcOffset: string; shift?: "dst_start" | "dst_end"; note?: string };

/**
 * For the editor's preview: the next `count` fire times in `timezone`, marking those on a day the zone's offset
 * changes, with a note when a wall-clock time was moved (spring forward) or a repeated hour fired once (fall back).
 * `local` reads "2025-03-09 03:00:00"; `utcOffset` "-04:00"; dst_start marks a day the clocks go forward.
 */
export function previewFireTimes(input: TFireTimesInput & { after: Date; count: number }): TFireTimePreview[] {
  const zone = input.timezone;
  return collectFires(input, Math.max(instant(input.after), instant(input.anchor)), input.count).map((fire) => {
    const offset = offsetAt(fire.at, zone);
    const local = fire.at + offset;
    const preview: TFireTimePreview = { at: new Date(fire.at).toISOString(), local: formatWall(local), utcOffset: formatUtcOffset(offset) };
    const shift = offsetShiftOn(Math.floor(local / DAY), zone);
    if (shift) preview.shift = shift;
    if (fire.wall !== undefined && fire.kind === "skipped") {
      preview.note = `${clockOf(fire.wall)} does not exist on ${dateOf(fire.wall)} (the clocks go forward): runs at ${clockOf(local)}`;
    } else if (fire.wall !== undefined && fire.kind === "repeated") {
      preview.note = `${clockOf(fire.wall)} happens twice on ${dateOf(fire.wall)} (the clocks go back): runs once, at the first (UTC${formatUtcOffset(offset)})`;
    }
    return preview;
  });
}

// ---------------------------------------------------------------------------------------------- sequences

function instant(date: Date): number {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError("Invalid date");
  return time;
}

function collectFires(input: TFireTimesInput, after: number, count: number): TFire[] {
  const next = sequenceOf(input).from(after);
  const fires: TFire[] = [];
  while (fires.length < count) {
    const fire = next();
    if (!fire) break;
    fires.push(fire);
  }
  return fires;
}

function sequenceOf({ schedule, timezone: zone, anchor: anchorDate }: TFireTimesInput): TSequence {
  const anchor = instant(anchorDate);
  switch (schedule.every) {
    case "seconds":
      return intervalSequence(anchor, schedule.interval * SECOND);
    case "minutes":
      return intervalSequence(anchor, schedule.interval * MINUTE);
    case "hourly": {
      const first = firstAtMinute(anchor, schedule.minute, zone);
      const period = schedule.interval * HOUR;
      return first === null ? EMPTY : intervalSequence(first - period, period);
    }
    case "daily": {
      const anchorDay = Math.floor(wallOf(anchor, zone) / DAY);
      const { interval } = schedule;
      return daySequence(zone, anchor, timeOfDay(schedule.time), interval, (day) => day >= anchorDay && (day - anchorDay) % interval === 0);
    }
    case "weekly": {
      const weekdays = new Set(schedule.weekdays);
      return daySequence(zone, anchor, timeOfDay(schedule.time), 7, (day) => weekdays.has(weekdayOf(day)));
    }
    case "cron":
      return cronSequence(schedule.expression, zone, anchor);
  }
}

const EMPTY: TSequence = { from: () => () => null, previous: () => null };

/** start + k·period for k ≥ 1; integer arithmetic, so the ten-thousandth tick is exactly where it should be. */
function intervalSequence(start: number, period: number): TSequence {
  if (!(period > 0)) return EMPTY; // an interval of 0 the schema refuses; not an endless list of one instant
  return {
    from(after) {
      let k = after < start ? 1 : Math.floor((after - start) / period) + 1;
      return () => ({ at: start + k++ * period });
    },
    previous(before) {
      const k = Math.ceil((before - start) / period) - 1;
      return k >= 1 ? { at: start + k * period } : null;
    },
  };
}

/** The first instant after `anchor` whose local minute is `minute`, second 0. */
function firstAtMinute(anchor: number, minute: number, zone: string): number | null {
  const offset = offsetAt(anchor, zone);
  const wall = anchor + offset;
  let target = Math.floor(wall / HOUR) * HOUR + minute * MINUTE;
  if (target <= wall) target += HOUR;
  if (offsetAt(target - offset, zone) === offset) return target - offset;
  // The offset changes before that minute comes round: look at each minute (today's offsets are whole minutes).
  for (let at = Math.floor(anchor / MINUTE) * MINUTE + MINUTE; at <= anchor + 2 * DAY; at += MINUTE) {
    const local = wallOf(at, zone);
    if (modulo(local, HOUR) === minute * MINUTE) return at;
  }
  return null;
}

/** Wall-clock fires at `time` on the days `isFireDay` picks, which come at least once every `period` days. */
function daySequence(zone: string, anchor: number, time: number, period: number, isFireDay: (day: number) => boolean): TSequence {
  return searchableSequence(anchor, (after) => {
    // From the day before the instant's own: a skipped time can resolve into the next day.
    let day = Math.floor(wallOf(after, zone) / DAY) - 1;
    let last = after;
    return () => {
      for (let scanned = 0; scanned <= period + 2; scanned++) {
        const current = day++;
        if (!isFireDay(current)) continue;
        const wall = current * DAY + time;
        const fire: TFire = { wall, ...resolveWall(wall, zone) };
        if (fire.at > last) {
          last = fire.at;
          return fire;
        }
      }
      return null;
    };
  });
}

function cronSequence(expression: string, zone: string, anchor: number): TSequence {
  const walls = cronWallsOf(expression);
  if (!walls.matchesSomeDate) return EMPTY;
  return searchableSequence(anchor, (after) => {
    let cursor = searchWallAfter(after, zone);
    let last = after;
    return () => {
      // Each pass moves the cursor forward; only walls inside a skipped hour repeat an instant already given.
      for (let passes = 0; passes < 1000; passes++) {
        const wall = walls.nextAfter(cursor);
        if (wall === null) return null;
        cursor = wall;
        const fire: TFire = { wall, ...resolveWall(wall, zone) };
        if (fire.at > last) {
          last = fire.at;
          return fire;
        }
        // The rest of a skipped hour resolves to the same instant: jump to the wall time that ends it.
        if (fire.kind === "skipped") cursor = wallOf(fire.at, zone) - 1;
      }
      return null;
    };
  });
}

/**
 * A sequence that finds its previous fire with `from` alone (croner's own backward search throws on patterns
 * such as "0 0 30 2 *"): spans doubling back from `before` (1 s, 2 s, … down to the anchor) until one holds a
 * fire, then bisection for the last instant whose next fire is still before `before`. About 2·log2(span in ms)
 * lookups, so a year back costs some 70.
 */
function searchableSequence(anchor: number, from: TSequence["from"]): TSequence {
  const firstAfter = (after: number) => from(after)();
  return {
    from,
    previous(before) {
      let low = before;
      let found: TFire | null = null;
      for (let span = SECOND; !found; span *= 2) {
        low = Math.max(anchor, before - span);
        const fire = firstAfter(low);
        if (fire && fire.at < before) found = fire;
        else if (low === anchor) return null;
      }
      let high = before - 1; // its first fire after is at `before` or later
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        const fire = firstAfter(middle);
        if (fire && fire.at < before) [low, found] = [middle, fire];
        else high = middle;
      }
      return found;
    },
  };
}

// ------------------------------------------------------------------------------------------------ helpers

function timeOfDay(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return hours * HOUR + minutes * MINUTE;
}

/** 0 = Sunday; day 0 (1 January 1970) was a Thursday. */
function weekdayOf(day: number): number {
  return modulo(day + 4, 7);
}

function modulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

function offsetShiftOn(day: number, zone: string): TFireTimePreview["shift"] {
  const start = offsetAt(resolveWall(day * DAY, zone).at - 1, zone);
  const end = offsetAt(resolveWall((day + 1) * DAY, zone).at - 1, zone);
  if (end > start) return "dst_start";
  if (end < start) return "dst_end";
  return undefined;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function dateOf(wall: number): string {
  const date = new Date(wall);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function clockOf(wall: number): string {
  const date = new Date(wall);
  const clock = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return date.getUTCSeconds() ? `${clock}:${pad(date.getUTCSeconds())}` : clock;
}

function formatWall(wall: number): string {
  const date = new Date(wall);
  return `${dateOf(wall)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}
