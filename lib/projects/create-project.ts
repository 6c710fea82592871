import "server-only";
import { db } from "@/lib/db/client";
import type { TProject } from "@/lib/schemas/project";

export async function createProject(options: { builderId: string; name: string }): Promise<TProject> {
  const project = await db.project.create({
    data: { name: options.name, memberships: { create: { builderId: options.builderId, role: "owner" } } },
    select: { id: true, name: true, timezone: true, createdAt: true },
  });
  return { id: project.id, name: project.name, timezone: project.timezone, role: "owner", createdAt: project.createdAt.toISOString() };
}
