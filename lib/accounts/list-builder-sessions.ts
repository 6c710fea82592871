import "server-only";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/builder-sessions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { ZUuid } from "@/lib/schemas/common";

export type TBuilderSessionView = {
  id: string;
  userAgent: string;
  ipAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
};

/** The builder's signed-in browsers, the current one first, then the most recently seen. */
export async function listBuilderSessions(input: { builderId: string; currentSessionId: string | null }): Promise<TBuilderSessionView[]> {
  const sessions = await db.builderSession.findMany({
    where: { builderId: input.builderId, lastSeenAt: { gte: new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000) } },
    select: { id: true, userAgent: true, ipAddress: true, createdAt: true, lastSeenAt: true },
    orderBy: { lastSeenAt: "desc" },
  });
  return sessions
    .map((session) => ({
      ...session,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
      current: session.id === input.currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Signs one of the builder's own browsers out; another builder's session id is not found. */
export async function revokeBuilderSession(input: { builderId: string; sessionId: unknown }): Promise<void> {
  const id = ZUuid.safeParse(input.sessionId);
  const { count } = id.success ? await db.builderSession.deleteMany({ where: { id: id.data, builderId: input.builderId } }) : { count: 0 };
  if (count === 0) throw new AppError("not_found", "That session has already ended");
}
