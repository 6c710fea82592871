import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { listProjects } from "@/lib/projects/list-projects";

export const dynamic = "force-dynamic";

/** Home: the builder's first project, or the form to create one. */
export default async function HomePage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  const projects = await listProjects({ kind: "builder", builderId: session.user.id });
  redirect(projects.length > 0 ? `/${projects[0].id}/workflows` : "/new-project");
}
