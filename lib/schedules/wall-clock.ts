// Wall-clock time in an IANA zone, for the schedule calculator. Client-safe: it needs only Intl.
// A "wall" is a local date and time written as the UTC milliseconds of the same fields (09:00 on 9 March 2025
// is Date.UTC(2025, 2, 9, 9)), so calendar arithmetic on walls is plain arithmetic; an "instant" is a real
// point in time. Intl gives the offset of an instant; the way back (resolveWall) applies the schedules' DST
// rule: a skipped wall time fires at the first instant after it, a repeated one at its first occurrence.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// "1/1/2025, GMT+05:30"; "GMT-04:56:02" for a local mean time; plain "GMT" in some engines for UTC.
const OFFSET_PATTERN = /GMT(?:([+\-\u2212])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?\s*$/;
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at an instant, in ms (wall = instant + offset). Throws a RangeError for an unknown zone. */
export function offsetAt(instant: number, zone: string): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    // "longOffset" formats about four times faster than formatToParts and carries the seconds of old offsets.
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    offsetFormats.set(zone, format);
  }
  const match = OFFSET_PATTERN.exec(format.format(instant));
  if (!match) throw new RangeError(`Cannot read the UTC offset of ${zone}`);
  const [, sign, hours = "0", minutes = "0", seconds = "0"] = match;
  const offset = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * SECOND;
  return sign === undefined || sign === "+" ? offset : -offset;
}

const pad2 = (value: number) => String(value).padStart(2, "0");

/** An offset as the schedule panels write it: "+01:00", "-04:00", "+05:45"; "-00:25:21" for an old mean time. */
export function formatUtcOffset(offset: number): string {
  const total = Math.round(Math.abs(offset) / SECOND);
  const text = `${offset < 0 ? "-" : "+"}${pad2(Math.floor(total / 3600))}:${pad2(Math.floor(total / 60) % 60)}`;
  return total % 60 ? `${text}:${pad2(total % 60)}` : text;
}

export function wallOf(instant: number, zone: string): number {
  return instant + offsetAt(instant, zone);
}

export type TWallInstant = {
  at: number;
  /** skipped: the wall time does not exist (clocks went forward); repeated: it happens twice (clocks went back). */
  kind: "exact" | "skipped" | "repeated";
};

/** The instant a wall-clock time fires at, by the DST rule. */
export function resolveWall(wall: number, zone: string): TWallInstant {
  // One transition at most lies within a day of any wall time (as in the Temporal proposal's polyfill).
  const earlier = offsetAt(wall - DAY, zone);
  const later = offsetAt(wall + DAY, zone);
  const underEarlier = wall - earlier;
  const earlierFits = offsetAt(underEarlier, zone) === earlier;
  if (earlier === later && earlierFits) return { at: underEarlier, kind: "exact" };
  const underLater = wall - later;
  const laterFits = offsetAt(underLater, zone) === later;
  if (earlierFits && laterFits) return { at: Math.min(underEarlier, underLater), kind: "repeated" };
  if (earlierFits) return { at: underEarlier, kind: "exact" };
  if (laterFits) return { at: underLater, kind: "exact" };
  // In a gap both readings miss, and the transition lies between them: the first instant after the skipped time.
  return { at: transitionBetween(Math.min(underEarlier, underLater), Math.max(underEarlier, underLater), zone), kind: "skipped" };
}

/** The first instant in (from, to] whose offset differs from the offset at `from`; `to` if none does. */
function transitionBetween(from: number, to: number, zone: string): number {
  const offset = offsetAt(from, zone);
  let low = from;
  let high = to;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle, zone) === offset) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * The wall time from which a forward search (exclusive) finds exactly the wall-clock times that fire after
 * `instant`. That is the instant's own reading, except during the second pass of a repeated hour: the times of
 * that hour already fired in its first pass, so the search starts where the repetition ends.
 */
export function searchWallAfter(instant: number, zone: string): number {
  const wall = wallOf(instant, zone);
  const first = resolveWall(wall, zone);
  if (first.kind !== "repeated" || first.at >= instant) return wall;
  const transition = transitionBetween(first.at, instant, zone);
  return transition + offsetAt(first.at, zone) - 1;
}
