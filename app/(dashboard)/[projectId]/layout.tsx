import { AppShell } from "@/components/shell/app-shell";
import { listProjects } from "@/lib/projects/list-projects";
import { requireProjectPageAccess } from "@/lib/projects/require-project-page-access";

export const dynamic = "force-dynamic";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { user, caller, access } = await requireProjectPageAccess(projectId);
  const projects = await listProjects(caller);
  return (
    <AppShell
      project={{ id: access.project.id, name: access.project.name }}
      projects={projects.map(({ id, name }) => ({ id, name }))}
      user={{ name: user.name ?? "", email: user.email ?? "" }}
    >
      {children}
    </AppShell>
  );
}
