import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import type { TSignInRequest } from "@/lib/schemas/auth";
import { hashPassword, verifyPassword } from "./password";

// Verified against when the email is unknown, so a miss costs as long as a hit and leaks nothing.
let dummyHash: Promise<string> | undefined;

export async function authenticateWithPassword(
  input: TSignInRequest,
): Promise<{ id: string; email: string; name: string } | null | "rate_limited"> {
  try {
    await consumeRateLimit({ key: `sign-in:${input.email}`, limit: 10, windowSeconds: 15 * 60 });
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return "rate_limited";
    throw error;
  }
  const builder = await db.builder.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  if (!builder?.passwordHash) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, input.password);
    return null;
  }
  if (!(await verifyPassword(builder.passwordHash, input.password))) return null;
  return { id: builder.id, email: builder.email, name: builder.name };
}
