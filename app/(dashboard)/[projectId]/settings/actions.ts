"use server";

import { toActionResult } from "@/lib/accounts/action-result";
import { requestOrigin } from "@/lib/accounts/app-origin";
import { createProjectInvite, revokeProjectInvite } from "@/lib/accounts/project-invites";
import { changeMemberRole, listProjectMembers, removeProjectMember } from "@/lib/accounts/project-members";
import { auth } from "@/lib/auth/auth";
import { AppError } from "@/lib/http/errors";

// The Members tab's server actions. Each names its project; the domain functions check the caller's role in it
// and scope every row they touch to it.

async function caller(projectId: unknown) {
  const builderId = (await auth())?.user?.id;
  if (!builderId) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return { builderId, projectId: typeof projectId === "string" ? projectId : "" };
}

export async function listMembersAction(input: { projectId: string }) {
  return toActionResult(async () => listProjectMembers(await caller(input?.projectId)));
}

export async function inviteBuilderAction(input: { projectId: string; email: unknown; role: unknown }) {
  return toActionResult(async () => createProjectInvite({ ...(await caller(input?.projectId)), email: input.email, role: input.role, origin: await requestOrigin() }));
}

export async function revokeInviteAction(input: { projectId: string; inviteId: unknown }) {
  return toActionResult(async () => revokeProjectInvite({ ...(await caller(input?.projectId)), inviteId: input.inviteId }));
}

export async function changeMemberRoleAction(input: { projectId: string; builderId: unknown; role: unknown }) {
  return toActionResult(async () => changeMemberRole({ ...(await caller(input?.projectId)), targetBuilderId: input.builderId, role: input.role }));
}

export async function removeMemberAction(input: { projectId: string; builderId: unknown }) {
  return toActionResult(async () => removeProjectMember({ ...(await caller(input?.projectId)), targetBuilderId: input.builderId }));
}
