import "server-only";
import { integerFromEnv } from "@/lib/config/integer-from-env";
import { db } from "@/lib/db/client";

// Through the one reader of numeric settings: a typo must fail the start, not make every session's cut-off NaN.
export const SESSION_MAX_AGE_SECONDS = integerFromEnv("SESSION_MAX_AGE_SECONDS", 7 * 24 * 60 * 60);

/** lastSeenAt is written at most this often per session, so a busy page costs reads, not a write per request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export type TSessionClaims = { sub?: unknown; sid?: unknown; iat?: unknown };
export type TSessionBuilder = { builderId: string; sessionId: string | null; name: string; email: string };

const activeSince = (now: number) => new Date(now - SESSION_MAX_AGE_SECONDS * 1000);

/** Records a new signed-in browser; the returned id goes into the JWT as `sid`. Expired rows of the builder go. */
export async function createBuilderSession(input: { builderId: string; userAgent?: string | null; ipAddress?: string | null }): Promise<{ id: string }> {
  await db.builderSession.deleteMany({ where: { builderId: input.builderId, lastSeenAt: { lt: activeSince(Date.now()) } } });
  return db.builderSession.create({
    data: { builderId: input.builderId, userAgent: (input.userAgent ?? "").slice(0, 512), ipAddress: input.ipAddress?.slice(0, 64) ?? null },
    select: { id: true },
  });
}

/**
 * Whether a decoded session cookie still stands, and whose it is. A cookie naming a session (`sid`) stands while
 * that row exists and has been seen within the session lifetime; one from before server-side sessions (no `sid`)
 * stands until its builder signs out everywhere (Builder.sessionsRevokedAt).
 */
export async function verifySessionClaims(claims: TSessionClaims | null | undefined): Promise<TSessionBuilder | null> {
  if (!claims || typeof claims.sub !== "string") return null;
  const now = Date.now();
  if (typeof claims.sid === "string") {
    const session = await db.builderSession.findUnique({
      where: { id: claims.sid },
      select: { builderId: true, lastSeenAt: true, builder: { select: { name: true, email: true } } },
    });
    if (!session || session.builderId !== claims.sub || session.lastSeenAt < activeSince(now)) return null;
    if (now - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
      await db.builderSession.updateMany({ where: { id: claims.sid, lastSeenAt: session.lastSeenAt }, data: { lastSeenAt: new Date(now) } });
    }
    return { builderId: session.builderId, sessionId: claims.sid, name: session.builder.name, email: session.builder.email };
  }
  if (!/^[0-9a-f-]{36}$/i.test(claims.sub)) return null;
  const builder = await db.builder.findUnique({ where: { id: claims.sub }, select: { id: true, name: true, email: true, sessionsRevokedAt: true } });
  if (!builder) return null;
  const issuedAtMs = typeof claims.iat === "number" ? claims.iat * 1000 : 0;
  if (builder.sessionsRevokedAt && issuedAtMs <= builder.sessionsRevokedAt.getTime()) return null;
  return { builderId: builder.id, sessionId: null, name: builder.name, email: builder.email };
}

export async function deleteBuilderSession(sessionId: string): Promise<void> {
  await db.builderSession.deleteMany({ where: { id: sessionId } });
}
