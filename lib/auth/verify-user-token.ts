import "server-only";
import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { TProjectConfig } from "@/lib/sdk-config/get-project-config";

/** At most this much clock skew between the SaaS app's servers and ours. */
export const CLOCK_TOLERANCE_SECONDS = 60;

const unauthorized = (message: string) => new AppError("unauthorized", message);

/**
 * Verifies an end user's RS256 token against the project's active signing keys (imported once, cached
 * with the project) and returns its `sub`. Each refusal says why, so integrators can fix their side.
 */
export async function verifyUserToken(authorization: string | null, config: TProjectConfig): Promise<{ sub: string }> {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (!match) throw unauthorized("Send the user token as `Authorization: Bearer <user token>`");
  const token = match[1];
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw unauthorized("The user token is not a well-formed JWT");
  }
  if (header.alg !== "RS256") throw unauthorized(`User tokens must be signed with RS256, not ${String(header.alg)}`);
  const kid = typeof header.kid === "string" ? header.kid : undefined;
  if (kid && config.revokedKeyIds.has(kid)) throw unauthorized("The user token was signed with a revoked signing key");

  // A token naming one of our keys is checked against it alone; one without kid (as the reference
  // product's tokens are) against each active key.
  const candidates = kid && config.activeKeys.has(kid) ? [config.activeKeys.get(kid)!] : [...config.activeKeys.values()];
  if (candidates.length === 0) throw unauthorized("This project has no active signing key; generate or upload one in Settings → SDK setup");
  for (const key of candidates) {
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ["RS256"], clockTolerance: CLOCK_TOLERANCE_SECONDS });
      if (typeof payload.sub !== "string" || payload.sub === "") throw unauthorized("The user token has no `sub` claim naming your user");
      if (payload.sub.length > 255) throw unauthorized("The user token's `sub` is longer than 255 characters");
      return { sub: payload.sub };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof errors.JWTExpired) throw unauthorized(`The user token expired at ${new Date(Number(error.payload.exp) * 1000).toISOString()}`);
      if (error instanceof errors.JWTClaimValidationFailed) {
        if (error.claim === "nbf") throw unauthorized(`The user token is not valid before ${new Date(Number(error.payload.nbf) * 1000).toISOString()}`);
        throw unauthorized(`The user token's \`${error.claim}\` claim is not valid`);
      }
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) throw unauthorized("The user token could not be verified");
    }
  }
  throw unauthorized(await describeSignatureMismatch(kid, config.projectId));
}

/** Only on the failure path: tell a token of another project apart from one signed with an unknown key. */
async function describeSignatureMismatch(kid: string | undefined, projectId: string): Promise<string> {
  if (kid && /^[0-9a-f-]{36}$/i.test(kid)) {
    const other = await db.signingKey.findFirst({ where: { id: kid, projectId: { not: projectId } }, select: { id: true } });
    if (other) return "The user token was signed with another project's signing key";
  }
  return "The user token's signature does not match any active signing key of this project";
}
