import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { consumeRateLimitHits } from "@/lib/rate-limit/consume-rate-limit";
import { printAccountLink } from "./print-link";
import { revokeBuilderSessions } from "./revoke-sessions";
import { ZForgotPasswordRequest, ZLinkToken, ZResetPasswordRequest } from "./schemas";
import { generateLinkToken, hashLinkToken } from "./tokens";

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

export const resetPasswordUrl = (origin: string, token: string) => `${origin}/reset-password?token=${encodeURIComponent(token)}`;

/** A fresh reset link for a builder, by email; null when no builder has that email. For the operator's script too. */
export async function issuePasswordResetLink(input: { email: string; origin: string }): Promise<{ url: string; expiresAt: Date } | null> {
  const { email } = ZForgotPasswordRequest.parse({ email: input.email });
  const builder = await db.builder.findUnique({ where: { email }, select: { id: true } });
  if (!builder) return null;
  const { token, tokenHash } = generateLinkToken();
  const createdAt = new Date();
  const expiresAt = new Date(createdAt.getTime() + PASSWORD_RESET_TTL_MS);
  await db.passwordResetToken.create({ data: { builderId: builder.id, tokenHash, createdAt, expiresAt } });
  return { url: resetPasswordUrl(input.origin, token), expiresAt };
}

/**
 * "Forgot password?": the answer is the same whether or not the email has an account, so the form cannot be used
 * to learn who has one. The link is printed to the server log, there being no mail to send it by.
 */
export async function requestPasswordReset(input: { email: unknown; origin: string }): Promise<void> {
  const { email } = ZForgotPasswordRequest.parse({ email: input.email });
  // Beyond a few links an hour for one email, quietly print none: the answer stays the same.
  const { refusal } = await consumeRateLimitHits({ key: `password-reset:${email}`, limit: 5, windowSeconds: 60 * 60, hits: 1 });
  if (refusal) return;
  const link = await issuePasswordResetLink({ email, origin: input.origin });
  if (link) printAccountLink({ purpose: "password reset", email, url: link.url, expiresAt: link.expiresAt });
}

export type TResetTokenState = "valid" | "expired" | "used" | "invalid";

async function findResetToken(token: unknown) {
  const parsed = ZLinkToken.safeParse(token);
  if (!parsed.success) return null;
  return db.passwordResetToken.findUnique({
    where: { tokenHash: hashLinkToken(parsed.data) },
    select: { id: true, builderId: true, expiresAt: true, usedAt: true, builder: { select: { email: true } } },
  });
}

function stateOf(row: { expiresAt: Date; usedAt: Date | null } | null): TResetTokenState {
  if (!row) return "invalid";
  if (row.usedAt) return "used";
  return row.expiresAt.getTime() <= Date.now() ? "expired" : "valid";
}

/** What the reset page shows before the new password is typed. */
export async function inspectPasswordResetToken(token: unknown): Promise<{ state: TResetTokenState; email?: string }> {
  const row = await findResetToken(token);
  const state = stateOf(row);
  return state === "valid" && row ? { state, email: row.builder.email } : { state };
}

const REFUSALS: Record<Exclude<TResetTokenState, "valid">, string> = {
  invalid: "This reset link is not valid. Ask for a new one.",
  expired: "This reset link has expired. Ask for a new one.",
  used: "This reset link has already been used. Ask for a new one.",
};

/**
 * Sets the password named by a valid link and signs out every browser of the builder. The link is spent in the
 * same transaction by a conditional update, so two uses at once cannot both succeed; any other link of the
 * builder is spent too.
 */
export async function resetPassword(input: { token: unknown; password: unknown }): Promise<{ email: string }> {
  const request = ZResetPasswordRequest.parse({ token: input.token, password: input.password });
  const row = await findResetToken(request.token);
  const state = stateOf(row);
  if (state !== "valid" || !row) throw new AppError("bad_request", REFUSALS[state as Exclude<TResetTokenState, "valid">]);
  const passwordHash = await hashPassword(request.password);
  const now = new Date();
  await db.$transaction(async (tx) => {
    const spent = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (spent.count !== 1) throw new AppError("bad_request", REFUSALS.used);
    await tx.passwordResetToken.updateMany({ where: { builderId: row.builderId, usedAt: null }, data: { usedAt: now } });
    await tx.builder.update({ where: { id: row.builderId }, data: { passwordHash } });
    await revokeBuilderSessions({ builderId: row.builderId, keepSessionId: null }, tx);
  });
  return { email: row.builder.email };
}
