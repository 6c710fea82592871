"use server";

import { toActionResult } from "@/lib/accounts/action-result";
import { changePassword } from "@/lib/accounts/change-password";
import { revokeBuilderSession } from "@/lib/accounts/list-builder-sessions";
import { revokeBuilderSessions } from "@/lib/accounts/revoke-sessions";
import { updateBuilderName } from "@/lib/accounts/update-builder-name";
import { auth } from "@/lib/auth/auth";
import { AppError } from "@/lib/http/errors";

/** The signed-in builder and this browser's session, or a 401 result's error. */
async function signedIn() {
  const session = await auth();
  if (!session?.user?.id) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return { builderId: session.user.id, sessionId: session.sessionId };
}

export async function updateProfileAction(input: { name: unknown }) {
  return toActionResult(async () => updateBuilderName({ builderId: (await signedIn()).builderId, name: input?.name }));
}

export async function changePasswordAction(input: { currentPassword: unknown; newPassword: unknown }) {
  return toActionResult(async () => changePassword({ ...(await signedIn()), currentPassword: input?.currentPassword, newPassword: input?.newPassword }));
}

export async function revokeSessionAction(input: { sessionId: unknown }) {
  return toActionResult(async () => revokeBuilderSession({ builderId: (await signedIn()).builderId, sessionId: input?.sessionId }));
}

export async function revokeOtherSessionsAction() {
  return toActionResult(async () => {
    const { builderId, sessionId } = await signedIn();
    return { signedOut: await revokeBuilderSessions({ builderId, keepSessionId: sessionId }) };
  });
}
