import { z } from "zod";
import { ZIsoDateTime, ZName, ZUuid } from "./common";

export const ZRsaPublicJwk = z
  .object({ kty: z.literal("RSA"), n: z.string().min(1), e: z.string().min(1) })
  .catchall(z.unknown())
  .meta({ id: "RsaPublicJwk" });

export const ZSigningKey = z
  .object({
    id: ZUuid,
    name: z.string(),
    source: z.enum(["generated", "uploaded"]),
    fingerprint: z.string().meta({ description: "SHA-256 of the DER public key, base64url" }),
    publicKeyPem: z.string(),
    publicJwk: ZRsaPublicJwk,
    createdAt: ZIsoDateTime,
    revokedAt: ZIsoDateTime.nullable(),
  })
  .meta({ id: "SigningKey" });
export type TSigningKey = z.infer<typeof ZSigningKey>;

export const ZSigningKeyList = z.object({ signingKeys: z.array(ZSigningKey) });

export const ZGenerateSigningKeyRequest = z
  .object({ name: ZName.default("Signing key") })
  .meta({ id: "GenerateSigningKeyRequest" });

export const ZGeneratedSigningKey = ZSigningKey.extend({
  privateKeyPem: z.string().meta({ description: "PKCS#8 PEM; returned only in this response and never stored" }),
}).meta({ id: "GeneratedSigningKey" });
export type TGeneratedSigningKey = z.infer<typeof ZGeneratedSigningKey>;

export const ZImportSigningKeyRequest = z
  .object({
    name: ZName.default("Uploaded key"),
    publicKey: z.union([
      z.string().trim().min(1, "Paste a PEM public key").max(16_384),
      ZRsaPublicJwk,
    ]),
  })
  .meta({ id: "ImportSigningKeyRequest", description: "publicKey is a PEM string or an RSA JWK object" });
export type TImportSigningKeyRequest = z.infer<typeof ZImportSigningKeyRequest>;
