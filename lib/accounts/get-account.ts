import "server-only";
import { db } from "@/lib/db/client";

/** What the account page shows of the builder. */
export async function getAccount(builderId: string): Promise<{ name: string; email: string; hasPassword: boolean }> {
  const builder = await db.builder.findUniqueOrThrow({ where: { id: builderId }, select: { name: true, email: true, passwordHash: true } });
  return { name: builder.name, email: builder.email, hasPassword: builder.passwordHash !== null };
}
