import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TApiKey } from "@/lib/schemas/api-key";
import { apiKeySelect, serializeApiKey } from "./serialize-api-key";

/** Revoking is idempotent: a key revoked twice keeps its first revocation time. */
export async function revokeApiKey(options: { projectId: string; apiKeyId: string }): Promise<TApiKey> {
  const where = { id: options.apiKeyId, projectId: options.projectId };
  await db.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await db.apiKey.findFirst({ where, select: apiKeySelect });
  if (!row) throw notFound("API key");
  return serializeApiKey(row);
}
