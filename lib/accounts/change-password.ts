import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { revokeBuilderSessions } from "./revoke-sessions";
import { ZChangePasswordRequest } from "./schemas";

/**
 * Sets a new password after checking the current one, and signs out every other browser of the builder (whoever
 * knew the old password may hold one of them). Wrong current password: 422 on that field, nothing written.
 */
export async function changePassword(input: { builderId: string; sessionId: string | null; currentPassword: unknown; newPassword: unknown }): Promise<{ signedOut: number }> {
  const request = ZChangePasswordRequest.parse({ currentPassword: input.currentPassword, newPassword: input.newPassword });
  // The same budget as sign-in, so this form is no faster way to guess a password.
  await consumeRateLimit({ key: `change-password:${input.builderId}`, limit: 10, windowSeconds: 15 * 60 });
  const builder = await db.builder.findUniqueOrThrow({ where: { id: input.builderId }, select: { passwordHash: true } });
  if (!builder.passwordHash) {
    throw new AppError("conflict", "This account signs in with GitHub or Google and has no password. Use “Forgot password?” on the sign-in page to set one.");
  }
  if (!(await verifyPassword(builder.passwordHash, request.currentPassword))) {
    throw new AppError("validation_failed", "The current password is not correct", {
      details: [{ path: "currentPassword", message: "The current password is not correct" }],
    });
  }
  if (request.currentPassword === request.newPassword) {
    throw new AppError("validation_failed", "Choose a password different from the current one", {
      details: [{ path: "newPassword", message: "Choose a password different from the current one" }],
    });
  }
  const passwordHash = await hashPassword(request.newPassword);
  return db.$transaction(async (tx) => {
    await tx.builder.update({ where: { id: input.builderId }, data: { passwordHash } });
    return { signedOut: await revokeBuilderSessions({ builderId: input.builderId, keepSessionId: input.sessionId }, tx) };
  });
}
