import "server-only";
import { db } from "@/lib/db/client";
import { announceConfigChange } from "@/lib/sdk-config/config-changes";
import { AppError } from "@/lib/http/errors";
import type { TImportSigningKeyRequest, TSigningKey } from "@/lib/schemas/signing-key";
import { readRsaPublicKey } from "./public-key";
import { serializeSigningKey, signingKeySelect } from "./serialize-signing-key";

/** Registers a public key for teams that sign user tokens with a key pair of their own. */
export async function importSigningKey(
  options: TImportSigningKeyRequest & { projectId: string; createdById: string | null },
): Promise<TSigningKey> {
  const material = readRsaPublicKey(options.publicKey);
  const duplicate = await db.signingKey.findFirst({
    where: { projectId: options.projectId, fingerprint: material.fingerprint, revokedAt: null },
    select: { id: true, name: true },
  });
  if (duplicate) throw new AppError("conflict", `This public key is already active as "${duplicate.name}"`);
  const row = await db.signingKey
    .create({
    data: {
      projectId: options.projectId,
      name: options.name,
      source: "uploaded",
      publicKeyPem: material.pem,
      publicJwk: material.jwk,
      fingerprint: material.fingerprint,
      createdById: options.createdById,
    },
      select: signingKeySelect,
    })
    .catch((error: unknown) => {
      // The partial unique index catches an upload that raced past the check above.
      if ((error as { code?: string }).code === "P2002") throw new AppError("conflict", "This public key is already active in this project");
      throw error;
    });
  await announceConfigChange(db, options.projectId);
  return serializeSigningKey(row);
}
