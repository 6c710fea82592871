import "server-only";
import { AppError } from "@/lib/http/errors";
import { resolveProjectAccess } from "@/lib/projects/resolve-project-access";
import type { TMembershipRole } from "@/lib/schemas/project";

/** The caller's role in a project; a project they are not in is 404, as everywhere else. */
export async function builderRoleIn(input: { builderId: string; projectId: string }): Promise<TMembershipRole> {
  const access = await resolveProjectAccess({ kind: "builder", builderId: input.builderId }, input.projectId);
  return access.role as TMembershipRole;
}

/** Only owners manage members and invites; a member is told so (403), a stranger learns nothing (404). */
export async function requireProjectOwner(input: { builderId: string; projectId: string }, what: string): Promise<void> {
  if ((await builderRoleIn(input)) !== "owner") throw new AppError("forbidden", `Only project owners can ${what}`);
}
