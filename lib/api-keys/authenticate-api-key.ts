import "server-only";
import { db } from "@/lib/db/client";
import { API_KEY_PREFIX, hashApiKey } from "./create-api-key";

// Writing last-used on every request would turn each read into a write; once a minute is precise enough.
const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticateApiKey(key: string): Promise<{ id: string; projectId: string } | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const row = await db.apiKey.findFirst({
    where: { hash: hashApiKey(key), revokedAt: null },
    select: { id: true, projectId: true, lastUsedAt: true },
  });
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.updateMany({ where: { id: row.id, projectId: row.projectId }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.id, projectId: row.projectId };
}
