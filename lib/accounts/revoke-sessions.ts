import "server-only";
import { db, type TransactionClient } from "@/lib/db/client";

/**
 * Signs out every browser of a builder but `keepSessionId` (none when null): their session rows go, and cookies
 * from before server-side sessions are refused from now on. Returns how many tracked sessions were ended.
 */
export async function revokeBuilderSessions(
  input: { builderId: string; keepSessionId: string | null },
  client: TransactionClient | typeof db = db,
): Promise<number> {
  const { count } = await client.builderSession.deleteMany({
    where: { builderId: input.builderId, ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}) },
  });
  await client.builder.update({ where: { id: input.builderId }, data: { sessionsRevokedAt: new Date() } });
  return count;
}
