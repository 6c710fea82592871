import "server-only";
import { db } from "@/lib/db/client";
import type { TApiKey } from "@/lib/schemas/api-key";
import { apiKeySelect, serializeApiKey } from "./serialize-api-key";

export async function listApiKeys(projectId: string): Promise<TApiKey[]> {
  const rows = await db.apiKey.findMany({
    where: { projectId },
    select: apiKeySelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map(serializeApiKey);
}
