import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PasswordCard } from "@/components/account/password-card";
import { ProfileCard } from "@/components/account/profile-card";
import { SessionsCard } from "@/components/account/sessions-card";
import { Logo } from "@/components/shell/logo";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { PageHeader } from "@/components/ui/page-header";
import { getAccount } from "@/lib/accounts/get-account";
import { listBuilderSessions } from "@/lib/accounts/list-builder-sessions";
import { auth } from "@/lib/auth/auth";
import { listProjects } from "@/lib/projects/list-projects";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

// /account — the signed-in builder's profile, password and sessions
export default async function AccountPage({ searchParams }: { searchParams: Promise<{ project?: string }> }) {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in?callbackUrl=/account");
  const builderId = session.user.id;
  const [{ project: fromProjectId }, account, sessions, projects] = await Promise.all([
    searchParams,
    getAccount(builderId),
    listBuilderSessions({ builderId, currentSessionId: session.sessionId }),
    listProjects({ kind: "builder", builderId }),
  ]);
  // Back to the project the menu was opened in, if the builder is still in it.
  const back = projects.find((project) => project.id === fromProjectId) ?? projects[0];
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between gap-3 border-b border-neutral-200 bg-white px-4 py-3 sm:px-8">
        <Link href="/" aria-label="Switchyard home">
          <Logo />
        </Link>
        <ThemeToggle />
      </header>
      <main className="mx-auto w-full max-w-3xl px-4 py-6 sm:px-8 sm:py-8">
        <Link
          href={back ? `/${back.id}/workflows` : "/new-project"}
          className="mb-4 inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-neutral-600 hover:text-neutral-900"
        >
          <ArrowLeft className="size-4" aria-hidden /> {back ? `Back to ${back.name}` : "Create a project"}
        </Link>
        <PageHeader title="Account" description="Your name, your password and the browsers signed in to your account." />
        <div className="flex flex-col gap-6">
          <ProfileCard name={account.name} email={account.email} />
          <PasswordCard hasPassword={account.hasPassword} />
          <SessionsCard sessions={sessions} />
        </div>
      </main>
    </div>
  );
}
