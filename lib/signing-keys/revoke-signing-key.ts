import "server-only";
import { db } from "@/lib/db/client";
import { announceConfigChange } from "@/lib/sdk-config/config-changes";
import { notFound } from "@/lib/http/errors";
import type { TSigningKey } from "@/lib/schemas/signing-key";
import { serializeSigningKey, signingKeySelect } from "./serialize-signing-key";

/** Tokens signed with a revoked key stop verifying at once. The sealed demo private key is erased too. */
export async function revokeSigningKey(options: { projectId: string; signingKeyId: string }): Promise<TSigningKey> {
  const where = { id: options.signingKeyId, projectId: options.projectId };
  await db.signingKey.updateMany({
    where: { ...where, revokedAt: null },
    data: { revokedAt: new Date(), encryptedPrivateKey: null },
  });
  await announceConfigChange(db, options.projectId);
  const row = await db.signingKey.findFirst({ where, select: signingKeySelect });
  if (!row) throw notFound("Signing key");
  return serializeSigningKey(row);
}
