import type { Metadata } from "next";
import Link from "next/link";
import { switchAccountForInviteAction } from "@/app/invite/actions";
import { AcceptInviteForm, InviteSignUpForm } from "@/components/account/invite-forms";
import { LinkProblem } from "@/components/account/link-problem";
import { Button } from "@/components/ui/button";
import { inspectProjectInvite } from "@/lib/accounts/project-invites";
import { auth } from "@/lib/auth/auth";

export const metadata: Metadata = { title: "Project invite" };
export const dynamic = "force-dynamic";

const PROBLEMS = {
  invalid: { title: "This invite link is not valid", message: "Check that the whole link was copied, or ask a project owner for a new invite." },
  expired: { title: "This invite has expired", message: "Invites work for 7 days. Ask a project owner to invite you again." },
  used: { title: "This invite has already been accepted", message: "Each invite works once. If it was yours, the project is in your project list." },
  revoked: { title: "This invite was revoked", message: "A project owner withdrew it. Ask them to invite you again." },
} as const;

const ROLE_WORDS = { owner: "an owner", member: "a member" } as const;

// /invite/[token] — accept an invite to a project: signed in as the invited email, or by signing up or in first
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, session] = await Promise.all([inspectProjectInvite(token), auth()]);
  if (invite.state !== "valid") {
    return <LinkProblem {...PROBLEMS[invite.state]} action={session?.user?.id ? { href: "/", label: "Go to your projects" } : { href: "/sign-in", label: "Sign in" }} />;
  }
  const signedInEmail = session?.user?.email ?? null;
  const callbackUrl = encodeURIComponent(`/invite/${token}`);
  return (
    <div>
      <h1 className="text-xl font-semibold">Join {invite.projectName}</h1>
      <p className="mt-1 text-sm text-neutral-600">
        {invite.invitedBy ?? "A project owner"} invited <span className="font-medium text-neutral-800">{invite.email}</span> to join{" "}
        <span className="font-medium text-neutral-800">{invite.projectName}</span> as {ROLE_WORDS[invite.role]}.
      </p>
      {!session?.user?.id ? (
        <>
          <p className="mt-4 text-sm text-neutral-600">
            Already have an account?{" "}
            <Link href={`/sign-in?callbackUrl=${callbackUrl}`} className="font-medium text-accent-700 hover:underline">
              Sign in to accept
            </Link>
          </p>
          <p className="mt-4 text-sm font-medium text-neutral-800">New to Switchyard? Create your account</p>
          <InviteSignUpForm token={token} email={invite.email} />
        </>
      ) : signedInEmail === invite.email ? (
        <AcceptInviteForm token={token} projectName={invite.projectName} />
      ) : (
        <form action={switchAccountForInviteAction} className="mt-6 flex flex-col gap-4">
          <input type="hidden" name="token" value={token} />
          <p role="alert" className="rounded-md bg-warning-50 px-3 py-2 text-sm text-warning-800">
            You are signed in as {signedInEmail}. This invite is for {invite.email}: sign in with that email to accept it.
          </p>
          <Button type="submit" variant="secondary">
            Sign out and switch account
          </Button>
        </form>
      )}
    </div>
  );
}
