// One line for a user's metadata in a table cell: the name and email first (the keys Paragon's SDK sends, in
// any case), then the other scalar keys as key: value, cut at a readable length.
const FIRST_KEYS = ["name", "email"];
const MAX_LENGTH = 120;

export function metadataSummary(metadata: Record<string, unknown>): string {
  const entries = Object.entries(metadata).filter(([, value]) => ["string", "number", "boolean"].includes(typeof value) && String(value) !== "");
  const rank = (key: string) => {
    const index = FIRST_KEYS.indexOf(key.toLowerCase());
    return index === -1 ? FIRST_KEYS.length : index;
  };
  const ordered = entries.map((entry, index) => ({ entry, index })).sort((a, b) => rank(a.entry[0]) - rank(b.entry[0]) || a.index - b.index);
  const parts = ordered.map(({ entry: [key, value] }) => (rank(key) < FIRST_KEYS.length ? String(value) : `${key}: ${String(value)}`));
  const nested = Object.values(metadata).filter((value) => value !== null && typeof value === "object").length;
  if (nested > 0) parts.push(`+${nested} more`);
  const line = parts.join(" · ");
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}
