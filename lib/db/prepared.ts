// Hot-path statements are sent as named prepared statements: PostgreSQL parses and plans each one once per
// connection instead of on every call. Measured on the engine's claim statement (a CTE over five tables),
// parse and plan were most of its server time.
import { createHash } from "node:crypto";
import type pg from "pg";

// Bounded, so that statement texts built at run time can never grow every connection's statement cache
// without limit: texts past the bound are sent unnamed, as before.
const MAX_NAMED_STATEMENTS = 500;
const names = new Map<string, string>();

function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known || names.size >= MAX_NAMED_STATEMENTS) return known;
  const name = `sy_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  names.set(text, name);
  return name;
}

/** Sends `text` as a named prepared statement on this connection (or pool), and returns its rows. */
export async function queryPrepared<T>(client: pg.ClientBase | pg.Pool, text: string, values: unknown[]): Promise<T[]> {
  const name = statementName(text);
  const result = await client.query<T & pg.QueryResultRow>(name ? { name, text, values } : { text, values });
  return result.rows;
}
