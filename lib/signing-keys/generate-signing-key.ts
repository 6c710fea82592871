import "server-only";
import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { sealSecret } from "@/lib/crypto/secret-box";
import { db, type TransactionClient } from "@/lib/db/client";
import { announceConfigChange } from "@/lib/sdk-config/config-changes";
import type { TGeneratedSigningKey } from "@/lib/schemas/signing-key";
import { describeRsaPublicKey } from "./public-key";
import { serializeSigningKey, signingKeySelect } from "./serialize-signing-key";

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * Creates an RS256 key pair and stores only the public half. The private key is returned once, to be
 * shown and downloaded by the builder. `keepEncryptedPrivateKey` is for the demo project alone, whose
 * key `npm run demo:token` signs with; it is stored sealed with AUTH_SECRET, never in the clear.
 */
export async function generateSigningKey(options: {
  projectId: string;
  name: string;
  createdById: string | null;
  keepEncryptedPrivateKey?: boolean;
  /** The caller's transaction, when the key must commit together with other rows. */
  tx?: TransactionClient;
}): Promise<TGeneratedSigningKey> {
  const { publicKey, privateKey } = await generateKeyPairAsync("rsa", { modulusLength: 2048 });
  const material = describeRsaPublicKey(publicKey);
  const privateKeyPem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const row = await (options.tx ?? db).signingKey.create({
    data: {
      projectId: options.projectId,
      name: options.name,
      source: "generated",
      publicKeyPem: material.pem,
      publicJwk: material.jwk,
      fingerprint: material.fingerprint,
      createdById: options.createdById,
      encryptedPrivateKey: options.keepEncryptedPrivateKey ? sealSecret(privateKeyPem) : null,
    },
    select: signingKeySelect,
  });
  await announceConfigChange(options.tx ?? db, options.projectId);
  return { ...serializeSigningKey(row), privateKeyPem };
}
