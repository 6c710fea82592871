import "server-only";
import type { TCaller } from "@/lib/auth/caller";
import { db } from "@/lib/db/client";
import type { TProject } from "@/lib/schemas/project";

/** The projects a caller reaches: a builder's memberships, or an API key's own project. */
export async function listProjects(caller: TCaller): Promise<TProject[]> {
  if (caller.kind === "api_key") {
    const project = await db.project.findFirst({
      where: { id: caller.projectId },
      select: { id: true, name: true, timezone: true, createdAt: true },
    });
    return project ? [{ ...project, role: null, createdAt: project.createdAt.toISOString() }] : [];
  }
  const memberships = await db.membership.findMany({
    where: { builderId: caller.builderId },
    select: { role: true, project: { select: { id: true, name: true, timezone: true, createdAt: true } } },
    orderBy: { project: { createdAt: "asc" } },
  });
  return memberships.map(({ role, project }) => ({ ...project, role, createdAt: project.createdAt.toISOString() }));
}
