import { notFound, redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { auth } from "@/lib/auth/auth";
import { AppError } from "@/lib/http/errors";
import { listProjects } from "@/lib/projects/list-projects";
import { resolveProjectAccess } from "@/lib/projects/resolve-project-access";

export const dynamic = "force-dynamic";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ projectId: string }> }) {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  const caller = { kind: "builder" as const, builderId: session.user.id };
  const { projectId } = await params;
  const access = await resolveProjectAccess(caller, projectId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const projects = await listProjects(caller);
  return (
    <AppShell
      project={{ id: access.project.id, name: access.project.name }}
      projects={projects.map(({ id, name }) => ({ id, name }))}
      user={{ name: session.user.name ?? "", email: session.user.email ?? "" }}
    >
      {children}
    </AppShell>
  );
}
