import "server-only";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/http/errors";

/**
 * Counts one hit against `key` in a fixed window kept in PostgreSQL, so every web process shares it.
 * Throws rate_limited (429, with Retry-After) once `limit` hits were counted in the current window.
 */
export async function consumeRateLimit(options: { key: string; limit: number; windowSeconds: number }): Promise<void> {
  const windowMs = options.windowSeconds * 1000;
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const rows = await sql.query<{ count: number }>(
    `INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES ($1, $2, 1)
     ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
     RETURNING "count"`,
    [options.key, windowStart],
  );
  if (rows[0].count > options.limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000));
    throw new AppError("rate_limited", `Too many requests; try again in ${retryAfter} s`, {
      headers: { "Retry-After": String(retryAfter) },
    });
  }
}
