import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { TDeliveryRequest, TVerification } from "@/lib/webhooks/verify-delivery";

export type TVerifierInput = { request: TDeliveryRequest; secrets: string[]; now: number };
export type TVerifier = (input: TVerifierInput) => TVerification | Promise<TVerification>;
export type THmacAlgorithm = "sha1" | "sha256" | "sha512";

type TFailureReason = Extract<TVerification, { ok: false }>["reason"];

export function verified(scheme: string, secretIndex: number | null): TVerification {
  return { ok: true, scheme, secretIndex };
}

export function refused(reason: TFailureReason, message: string): TVerification {
  return { ok: false, reason, message };
}

export function hmac(algorithm: THmacAlgorithm, key: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Constant-time for equal lengths; a length mismatch is simply a mismatch. */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function safeEqualText(a: string, b: string): boolean {
  return safeEqual(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** The bytes a hex or base64 signature stands for, or null when it is not well-formed in that encoding. */
export function decodeSignature(value: string, encoding: "hex" | "base64"): Buffer | null {
  if (encoding === "hex") return /^(?:[0-9a-fA-F]{2})+$/.test(value) ? Buffer.from(value, "hex") : null;
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value) || value === "") return null;
  return Buffer.from(value, "base64");
}

/** The index of the first non-empty secret that `matches`, or null. */
export function findMatchingSecret(secrets: string[], matches: (secret: string) => boolean): number | null {
  for (const [index, secret] of secrets.entries()) {
    if (secret !== "" && matches(secret)) return index;
  }
  return null;
}

/**
 * Checks that `signature` (hex or base64, after `prefix`) is the HMAC of `signedParts` under one of the secrets.
 * `name` is how the Event Log names the header.
 */
export function verifyHmacSignature(options: {
  scheme: string;
  name: string;
  signature: string | null;
  prefix: string;
  encoding: "hex" | "base64";
  algorithm: THmacAlgorithm;
  signedParts: (string | Buffer)[];
  secrets: string[];
}): TVerification {
  const { signature, prefix, name } = options;
  if (signature === null || signature.trim() === "") return refused("missing_signature", `The ${name} header is missing.`);
  const value = signature.trim();
  if (!value.startsWith(prefix)) {
    return refused("malformed_signature", `The ${name} header does not start with "${prefix}".`);
  }
  const given = decodeSignature(value.slice(prefix.length), options.encoding);
  if (given === null) {
    return refused("malformed_signature", `The ${name} header is not a ${options.encoding} signature.`);
  }
  const index = findMatchingSecret(options.secrets, (secret) =>
    safeEqual(given, hmac(options.algorithm, secret, ...options.signedParts)),
  );
  return index === null ? badSignature(name) : verified(options.scheme, index);
}

export function badSignature(name: string): TVerification {
  return refused(
    "bad_signature",
    `The ${name} header does not match the body under any configured secret: the secret differs or the body was changed.`,
  );
}

/** A timestamp header as ms since epoch: Unix seconds, Unix milliseconds (13+ digits) or an ISO 8601 date. */
export function readTimestamp(value: string): number | null {
  const text = value.trim();
  if (/^\d{1,12}$/.test(text)) return Number(text) * 1000;
  if (/^\d{13,16}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Refuses a timestamp further than `toleranceSeconds` from `now`, either way (0 = no age check). */
export function checkTimestampAge(options: {
  timestampMs: number;
  now: number;
  toleranceSeconds: number;
  name: string;
}): TVerification | null {
  const { timestampMs, now, toleranceSeconds, name } = options;
  if (toleranceSeconds === 0) return null;
  const driftSeconds = Math.round((now - timestampMs) / 1000);
  if (Math.abs(now - timestampMs) <= toleranceSeconds * 1000) return null;
  const when = driftSeconds > 0 ? `${driftSeconds} s old` : `${-driftSeconds} s in the future`;
  return refused(
    "stale_timestamp",
    `The ${name} is ${when}, beyond the ${toleranceSeconds} s allowed: a replayed delivery, or a clock far off.`,
  );
}
