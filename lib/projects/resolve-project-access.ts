import "server-only";
import type { TCaller } from "@/lib/auth/caller";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { ZUuid } from "@/lib/schemas/common";
import type { TMembershipRole } from "@/lib/schemas/project";

export type TProjectAccess = {
  project: { id: string; name: string; timezone: string; createdAt: Date };
  /** null for an API key, which acts for the project itself. */
  role: TMembershipRole | null;
};

const projectSelect = { id: true, name: true, timezone: true, createdAt: true } as const;

/**
 * The project a caller may reach. Anything the caller cannot reach answers 404, never 403, so project
 * ids of other tenants cannot be probed.
 */
export async function resolveProjectAccess(caller: TCaller, projectId: string): Promise<TProjectAccess> {
  const missing = new AppError("not_found", "Project not found");
  if (!ZUuid.safeParse(projectId).success) throw missing;
  if (caller.kind === "api_key") {
    if (caller.projectId !== projectId) throw missing;
    const project = await db.project.findFirst({ where: { id: projectId }, select: projectSelect });
    if (!project) throw missing;
    return { project, role: null };
  }
  const membership = await db.membership.findFirst({
    where: { projectId, builderId: caller.builderId },
    select: { role: true, project: { select: projectSelect } },
  });
  if (!membership) throw missing;
  return { project: membership.project, role: membership.role };
}
