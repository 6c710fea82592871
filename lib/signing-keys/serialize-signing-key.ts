import "server-only";
import type { Prisma } from "@/lib/db/client";
import { type TSigningKey, ZRsaPublicJwk } from "@/lib/schemas/signing-key";

export const signingKeySelect = {
  id: true,
  name: true,
  source: true,
  fingerprint: true,
  publicKeyPem: true,
  publicJwk: true,
  createdAt: true,
  revokedAt: true,
} satisfies Prisma.SigningKeySelect;

export function serializeSigningKey(row: Prisma.SigningKeyGetPayload<{ select: typeof signingKeySelect }>): TSigningKey {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    fingerprint: row.fingerprint,
    publicKeyPem: row.publicKeyPem,
    publicJwk: ZRsaPublicJwk.parse(row.publicJwk),
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
