import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { Provider } from "next-auth/providers";
import { ZSignInRequest } from "@/lib/schemas/auth";
import { authenticateWithPassword } from "./authenticate-with-password";
import { resolveOAuthBuilder } from "./resolve-oauth-builder";
import { createBuilderSession, deleteBuilderSession, SESSION_MAX_AGE_SECONDS, verifySessionClaims } from "./builder-sessions";
import { requestDevice } from "./request-device";

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
      if (user && token.sub) {
        // A sign-in: this browser gets its own server-side session, which the account page lists and revokes.
        token.sid = (await createBuilderSession({ builderId: token.sub, ...(await requestDevice()) })).id;
        return token;
      }
      // Every later read of the cookie: a revoked session (or a deleted builder) signs the browser out.
      const current = await verifySessionClaims(token);
      if (!current) return null;
      // The account page may have renamed the builder since the cookie was issued.
      token.name = current.name;
      token.email = current.email;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionId = typeof token.sid === "string" ? token.sid : null;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await deleteBuilderSession(sid);
    },
  },
});

declare module "next-auth" {
  interface Session {
    /** The BuilderSession of this browser; null for a cookie from before server-side sessions. */
    sessionId: string | null;
  }
}

export function oauthProvidersEnabled(): { github: boolean; google: boolean } {
  return {
    github: Boolean(process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET),
    google: Boolean(process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET),
  };
}
