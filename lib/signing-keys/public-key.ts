import "server-only";
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { AppError } from "@/lib/http/errors";

export type TPublicKeyMaterial = { pem: string; jwk: { kty: "RSA"; n: string; e: string }; fingerprint: string };

const MIN_MODULUS_BITS = 2048;

/** Normalises a PEM or JWK RSA public key, refusing private keys, other key types and short moduli. */
export function readRsaPublicKey(input: string | Record<string, unknown>): TPublicKeyMaterial {
  let key: KeyObject;
  if (typeof input === "string") {
    if (/PRIVATE KEY/.test(input)) throw privateKeyError();
    try {
      key = createPublicKey(input);
    } catch {
      throw invalid("The text is not a PEM public key (expected -----BEGIN PUBLIC KEY-----)");
    }
  } else {
    if ("d" in input || "p" in input) throw privateKeyError();
    try {
      key = createPublicKey({ key: input as import("node:crypto").JsonWebKey, format: "jwk" });
    } catch {
      throw invalid("The JWK is not a valid RSA public key");
    }
  }
  if (key.asymmetricKeyType !== "rsa") throw invalid("User tokens are RS256, so the key must be an RSA key");
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_BITS) throw invalid(`The RSA key has ${bits} bits; at least ${MIN_MODULUS_BITS} are required`);
  return describeRsaPublicKey(key);
}

export function describeRsaPublicKey(key: KeyObject): TPublicKeyMaterial {
  const exported = key.export({ format: "jwk" });
  const der = key.export({ format: "der", type: "spki" });
  return {
    pem: key.export({ format: "pem", type: "spki" }).toString(),
    jwk: { kty: "RSA", n: String(exported.n), e: String(exported.e) },
    fingerprint: createHash("sha256").update(der).digest("base64url"),
  };
}

function invalid(message: string): AppError {
  return new AppError("validation_failed", message, { details: [{ path: "publicKey", message }] });
}

function privateKeyError(): AppError {
  return invalid("That is a private key. Upload only the public key; keep the private key on your servers.");
}
