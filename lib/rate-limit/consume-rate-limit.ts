import "server-only";
import { sqlPool } from "@/lib/db/sql";
import { AppError } from "@/lib/http/errors";

export type TRateLimit = { key: string; limit: number; windowSeconds: number };

/**
 * Counts `hits` against `key` in a fixed window kept in PostgreSQL, so every web process shares it, and says
 * how many of them fit: the first `admitted` of the hits, in order, are within `limit`. Refused hits are
 * counted too. The table is unlogged, so this statement's commit waits for no WAL flush and the row's lock
 * is held only for the statement: never call it inside another transaction, where the lock would be held
 * until that transaction's commit.
 */
export async function consumeRateLimitHits(options: TRateLimit & { hits: number }): Promise<{ admitted: number; refusal: AppError | null }> {
  const windowMs = options.windowSeconds * 1000;
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const { rows } = await sqlPool().query<{ count: number }>({
    name: "switchyard_consume_rate_limit",
    text: `INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES ($1, $2, $3)
           ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + EXCLUDED."count"
           RETURNING "count"`,
    values: [options.key, windowStart, options.hits],
  });
  const before = rows[0].count - options.hits;
  const admitted = Math.min(options.hits, Math.max(0, options.limit - before));
  if (admitted === options.hits) return { admitted, refusal: null };
  const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000));
  const refusal = new AppError("rate_limited", `Too many requests; try again in ${retryAfter} s`, { headers: { "Retry-After": String(retryAfter) } });
  return { admitted, refusal };
}

/** Counts one hit against `key`; throws rate_limited (429, with Retry-After) once `limit` hits were counted in the current window. */
export async function consumeRateLimit(options: TRateLimit): Promise<void> {
  const { refusal } = await consumeRateLimitHits({ ...options, hits: 1 });
  if (refusal) throw refusal;
}
