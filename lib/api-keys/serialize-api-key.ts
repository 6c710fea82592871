import "server-only";
import type { Prisma } from "@/lib/db/client";
import type { TApiKey } from "@/lib/schemas/api-key";

export const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} satisfies Prisma.ApiKeySelect;

export function serializeApiKey(row: Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>): TApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
