import "server-only";
import { db } from "@/lib/db/client";
import type { TMembershipRole, TProject, TUpdateProjectRequest } from "@/lib/schemas/project";

/** Renames a project and/or sets the zone its schedules use when they name none (from their next deploy). */
export async function updateProject(options: { projectId: string; update: TUpdateProjectRequest; role: TMembershipRole | null }): Promise<TProject> {
  const project = await db.project.update({
    where: { id: options.projectId },
    data: { name: options.update.name, timezone: options.update.timezone },
    select: { id: true, name: true, timezone: true, createdAt: true },
  });
  return { ...project, role: options.role, createdAt: project.createdAt.toISOString() };
}
