// A numeric setting from the environment. One set to anything but a whole number at or above `min` throws
// rather than quietly lifting or tightening a bound: a typo in a limit must not go unnoticed. No server
// imports, so client-safe modules may read a setting too (in a browser the variable is absent: the fallback).
export function integerFromEnv(name: string, fallback: number, options: { min?: number } = {}): number {
  const min = options.min ?? 1;
  const raw = typeof process === "undefined" ? undefined : process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  return value;
}
