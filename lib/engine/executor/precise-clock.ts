// A clock for step timings that orders readings within one millisecond. Steps recorded in one statement
// often start within the same millisecond, and a Date cannot tell them apart; PostgreSQL's timestamptz
// keeps microseconds. Readings in the same millisecond get 0, 1, 2… microseconds on top, never more than
// 499, so a reader that rounds to milliseconds and one that truncates both see the Date's own millisecond.

const MAX_TIE_BREAK = 499;

/** A Date whose ISO form (and so its JSON, and what PostgreSQL stores) carries a microsecond tie-break. */
export class PreciseDate extends Date {
  constructor(
    epochMs: number,
    readonly micros: number,
  ) {
    super(epochMs);
  }

  override toISOString(): string {
    return `${super.toISOString().slice(0, -1)}${String(this.micros).padStart(3, "0")}Z`;
  }

  override toJSON(): string {
    return this.toISOString();
  }
}

let lastMs = 0;
let tieBreak = 0;

/** The current time; readings in the same millisecond come out in the order they were taken. */
export function preciseNow(): PreciseDate {
  const ms = Date.now();
  tieBreak = ms === lastMs ? Math.min(tieBreak + 1, MAX_TIE_BREAK) : 0;
  lastMs = ms;
  return new PreciseDate(ms, tieBreak);
}
