import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A link token: 32 random bytes, so a fast sha256 digest is as safe to store as a slow hash. */
export function generateLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
