import "server-only";
import { db } from "@/lib/db/client";
import type { TSigningKey } from "@/lib/schemas/signing-key";
import { serializeSigningKey, signingKeySelect } from "./serialize-signing-key";

export async function listSigningKeys(projectId: string): Promise<TSigningKey[]> {
  const rows = await db.signingKey.findMany({
    where: { projectId },
    select: signingKeySelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map(serializeSigningKey);
}
