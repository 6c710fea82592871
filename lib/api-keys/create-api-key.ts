import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { TCreatedApiKey } from "@/lib/schemas/api-key";
import { apiKeySelect, serializeApiKey } from "./serialize-api-key";

export const API_KEY_PREFIX = "sy_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export async function createApiKey(options: {
  projectId: string;
  name: string;
  createdById: string | null;
}): Promise<TCreatedApiKey> {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await db.apiKey.create({
    data: {
      projectId: options.projectId,
      name: options.name,
      prefix: key.slice(0, API_KEY_PREFIX.length + 8),
      hash: hashApiKey(key),
      createdById: options.createdById,
    },
    select: apiKeySelect,
  });
  return { ...serializeApiKey(row), key };
}
