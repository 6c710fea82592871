import "server-only";
import { db } from "@/lib/db/client";
import type { TMembershipRole, TProject } from "@/lib/schemas/project";

export async function renameProject(options: { projectId: string; name: string; role: TMembershipRole | null }): Promise<TProject> {
  const project = await db.project.update({
    where: { id: options.projectId },
    data: { name: options.name },
    select: { id: true, name: true, createdAt: true },
  });
  return { ...project, role: options.role, createdAt: project.createdAt.toISOString() };
}
