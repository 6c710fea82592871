import "server-only";
import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import { AppError } from "@/lib/http/errors";
import { refuseUnstorableText } from "@/lib/http/storable-text";
import type { TProjectConfig } from "@/lib/sdk-config/get-project-config";

/** At most this much clock skew between the SaaS app's servers and ours. */
export const CLOCK_TOLERANCE_SECONDS = 60;

const unauthorized = (message: string) => new AppError("unauthorized", message);

// A SaaS app sends many events with one user token (the SDK authenticates once per page). Tokens that
// verified are remembered per project config object, so a config reload (a key revoked or added) forgets
// them all; a hit skips only the RSA check, and its time claims are checked again on every use.
type TVerifiedToken = { sub: string; exp?: number; nbf?: number };
const MAX_REMEMBERED_TOKENS = 10_000;
const verifiedTokens = new WeakMap<TProjectConfig, Map<string, TVerifiedToken>>();

function rememberedToken(token: string, config: TProjectConfig): TVerifiedToken | undefined {
  const verified = verifiedTokens.get(config)?.get(token);
  if (!verified) return undefined;
  // Whole seconds, as jose compares them.
  const now = Math.floor(Date.now() / 1000);
  const timely = (verified.exp === undefined || verified.exp > now - CLOCK_TOLERANCE_SECONDS) && (verified.nbf === undefined || verified.nbf <= now + CLOCK_TOLERANCE_SECONDS);
  // An untimely one goes through the full check again, which says why it is refused.
  return timely ? verified : undefined;
}

function rememberToken(token: string, config: TProjectConfig, verified: TVerifiedToken): void {
  let remembered = verifiedTokens.get(config);
  if (!remembered) verifiedTokens.set(config, (remembered = new Map()));
  if (remembered.size >= MAX_REMEMBERED_TOKENS) remembered.clear();
  remembered.set(token, verified);
}

/**
 * Verifies an end user's RS256 token against the project's active signing keys (imported once, cached
 * with the project) and returns its `sub`. Each refusal says why, so integrators can fix their side.
 */
export async function verifyUserToken(authorization: string | null, config: TProjectConfig): Promise<{ sub: string }> {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (!match) throw unauthorized("Send the user token as `Authorization: Bearer <user token>`");
  const token = match[1];
  const remembered = rememberedToken(token, config);
  if (remembered) return { sub: remembered.sub };
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
      // The token is genuine, so this is not a 401 (signing in again would not help): the sub names the
      // connected user's row, and is refused as any other text PostgreSQL cannot store, with 400.
      refuseUnstorableText({ sub: payload.sub }, "token");
      rememberToken(token, config, { sub: payload.sub, exp: payload.exp, nbf: payload.nbf });
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
  // The same words whatever key signed it: naming another project's key would confirm that a key id belongs to
  // some other tenant of this installation.
  throw unauthorized("The user token's signature does not match any active signing key of this project");
}
