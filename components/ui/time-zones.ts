// The time-zone list's pure parts: the zones the browser knows, and a search that finds a zone by its city
// ("new york", "America/New"), or by its current offset ("GMT+2", "utc-5", "+05:30").
import { formatUtcOffset, offsetAt } from "@/lib/schedules/wall-clock";

/** Every IANA zone the browser knows, with UTC first (Intl lists it under no name of its own). */
export function supportedTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return ["UTC", ...zones.filter((zone) => zone !== "UTC")];
}

/** A zone's offset at an instant as the lists show it: "UTC+05:30", "UTC-03:00"; "" for a zone the browser cannot read. */
export function formatZoneOffset(zone: string, at: number): string {
  try {
    return `UTC${formatUtcOffset(offsetAt(at, zone))}`;
  } catch {
    return "";
  }
}

/** The ways a builder may type an offset, all lowercase with "utc": utc+5:30, utc+05:30, and utc+5 on the hour. */
function offsetSpellings(label: string): string[] {
  const [, sign, hours, minutes] = /^UTC([+-])(\d\d):(\d\d)$/.exec(label) ?? [];
  if (!sign) return [];
  const h = String(Number(hours));
  const spellings = [`utc${sign}${hours}:${minutes}`, `utc${sign}${h}:${minutes}`];
  if (minutes === "00") spellings.push(`utc${sign}${h}`, `utc${sign}${hours}`);
  // UTC+00:00 is also "utc".
  if (label === "UTC+00:00") spellings.push("utc");
  return spellings;
}

/** "GMT+2", "utc +2", "+02:00" → "utc+2", "utc+02:00": null when the search is not an offset. */
function offsetQuery(query: string): string | null {
  const compact = query.toLowerCase().replace(/\s+/g, "").replace(/^gmt/, "utc");
  const withUtc = /^[+-]/.test(compact) ? `utc${compact}` : compact;
  return /^utc[+-]\d{1,2}(:\d\d)?$/.test(withUtc) ? withUtc : null;
}

const searchable = (text: string) => text.toLowerCase().replace(/[_/\s-]+/g, " ").trim();

/**
 * The zones matching a search, best first: those whose city (the last part) starts with it, then those whose
 * name contains it. "new york", "new_york" and "America/New" all find America/New_York. A search that reads as
 * an offset ("GMT+2", "+05:30") finds the zones at that offset now.
 */
export function searchTimeZones(zones: readonly string[], query: string, now: number = Date.now()): string[] {
  const offset = offsetQuery(query);
  if (offset) return zones.filter((zone) => offsetSpellings(formatZoneOffset(zone, now)).includes(offset));
  const wanted = searchable(query);
  if (!wanted) return [...zones];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of zones) {
    const name = searchable(zone);
    const city = searchable(zone.slice(zone.lastIndexOf("/") + 1));
    if (city.startsWith(wanted)) starts.push(zone);
    else if (name.includes(wanted)) contains.push(zone);
  }
  return [...starts, ...contains];
}
