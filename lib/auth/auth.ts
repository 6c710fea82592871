import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { Provider } from "next-auth/providers";
import { ZSignInRequest } from "@/lib/schemas/auth";
import { authenticateWithPassword } from "./authenticate-with-password";
import { resolveOAuthBuilder } from "./resolve-oauth-builder";
import { SESSION_MAX_AGE_SECONDS } from "./session";

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = ZSignInRequest.safeParse(raw);
        if (!parsed.success) return null;
        const result = await authenticateWithPassword(parsed.data);
        if (result === "rate_limited") throw new TooManyAttempts();
        return result ? { id: result.id, email: result.email, name: result.name } : null;
      },
    }),
  ];
  if (process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET) list.push(GitHub);
  if (process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET) list.push(Google);
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Self-hosted behind whatever proxy the team runs; the Host header is trusted as Auth.js advises.
  trustHost: true,
  // A wrong password is an answer, not a server error: keep it out of the error log (with its stack).
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error);
    },
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: providers(),
  callbacks: {
    async signIn({ account, profile }) {
      if (!account || account.type === "credentials") return true;
      return (await resolveOAuthBuilder({ account, profile })) !== null;
    },
    async jwt({ token, user, account, profile }) {
      if (account && account.type !== "credentials") {
        const builder = await resolveOAuthBuilder({ account, profile });
        if (builder) token.sub = builder.id;
      } else if (user?.id) {
        token.sub = user.id;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});

export function oauthProvidersEnabled(): { github: boolean; google: boolean } {
  return {
    github: Boolean(process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET),
    google: Boolean(process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET),
  };
}
