import "server-only";
import type { Account, Profile } from "next-auth";
import { db } from "@/lib/db/client";

/**
 * Finds or creates the builder behind a GitHub/Google sign-in. An email that already belongs to a
 * password account is not linked automatically: doing so would let whoever controls that email at
 * the provider take the account over (Auth.js refuses the same way).
 */
export async function resolveOAuthBuilder(input: {
  account: Account;
  profile?: Profile;
}): Promise<{ id: string } | null> {
  const where = { provider: input.account.provider, providerAccountId: input.account.providerAccountId };
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: where },
    select: { builderId: true },
  });
  if (linked) return { id: linked.builderId };
  const email = input.profile?.email?.toLowerCase();
  if (!email) return null;
  if (await db.builder.findUnique({ where: { email }, select: { id: true } })) return null;
  const builder = await db.builder.create({
    data: { email, name: input.profile?.name ?? email, accounts: { create: where } },
    select: { id: true },
  });
  return builder;
}
