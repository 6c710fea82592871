// Seeds for the account tests: builders with passwords, signed-in browsers (server-side session + cookie).
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { createBuilderSession } from "@/lib/auth/builder-sessions";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";

export const PASSWORD = "correct horse battery";

export async function createBuilderWithPassword(password = PASSWORD, name = "Account Builder") {
  return db.builder.create({
    data: { email: `account-${randomUUID()}@example.test`, name, passwordHash: await hashPassword(password) },
    select: { id: true, email: true, name: true },
  });
}

/** A browser signed in as the sign-in flow does it: a BuilderSession row and a cookie whose JWT carries its id. */
export async function signedInBrowser(builderId: string, userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0") {
  const session = await createBuilderSession({ builderId, userAgent, ipAddress: "127.0.0.1" });
  const salt = "authjs.session-token";
  const token = await encode({ token: { sub: builderId, sid: session.id }, secret: process.env.AUTH_SECRET as string, salt, maxAge: 3600 });
  return { sessionId: session.id, cookie: `${salt}=${token}` };
}

/** What a thrown AppError/ZodError answers, as the server actions report it. */
export async function outcome(work: () => Promise<unknown>) {
  const { toActionResult } = await import("@/lib/accounts/action-result");
  const result = await toActionResult(work);
  return result.ok ? { ok: true } : { status: result.status, error: result.error };
}
