"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { toActionResult } from "@/lib/accounts/action-result";
import { acceptProjectInvite, inspectProjectInvite } from "@/lib/accounts/project-invites";
import { ZLinkToken } from "@/lib/accounts/schemas";
import { auth, signIn, signOut } from "@/lib/auth/auth";
import { fieldErrors, unstorableFieldErrors } from "@/lib/auth/form-field-errors";
import { signUpBuilder } from "@/lib/auth/sign-up-builder";
import { ZSignUpRequest } from "@/lib/schemas/auth";

export type TInviteFormState = { error?: string; fieldErrors?: Record<string, string>; name?: string } | undefined;

const tokenOf = (form: FormData) => {
  const parsed = ZLinkToken.safeParse(form.get("token"));
  return parsed.success ? parsed.data : null;
};

/** The signed-in builder joins the project, then lands on it. */
export async function acceptInviteAction(_state: TInviteFormState, form: FormData): Promise<TInviteFormState> {
  const builderId = (await auth())?.user?.id;
  const token = tokenOf(form);
  if (!builderId) return { error: "Your session has ended. Sign in again." };
  if (!token) return { error: "This invite link is not valid." };
  const result = await toActionResult(() => acceptProjectInvite({ builderId, token }));
  if (!result.ok) return { error: result.error.message };
  redirect(`/${result.data.projectId}/workflows`);
}

/** A new builder creates their account with the invited email, joins the project and is signed in to it. */
export async function signUpFromInviteAction(_state: TInviteFormState, form: FormData): Promise<TInviteFormState> {
  const token = tokenOf(form);
  const name = typeof form.get("name") === "string" ? (form.get("name") as string) : "";
  const invite = await inspectProjectInvite(token);
  if (!token || invite.state !== "valid") return { error: "This invite is no longer valid. Ask a project owner for a new one.", name };
  const unstorable = unstorableFieldErrors(form, ["name"]);
  if (unstorable) return { fieldErrors: unstorable, name };
  const parsed = ZSignUpRequest.safeParse({ name, email: invite.email, password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error.issues), name };
  const created = await toActionResult(() => signUpBuilder(parsed.data));
  if (!created.ok) return { error: created.error.message, name };
  const accepted = await toActionResult(() => acceptProjectInvite({ builderId: created.data.id, token }));
  const redirectTo = accepted.ok ? `/${accepted.data.projectId}/workflows` : `/invite/${token}`;
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) return { error: "Your account is created, but signing you in failed. Sign in to accept the invite.", name };
    throw error; // the redirect that signals success
  }
  return undefined;
}

/** Signed in as someone else: sign out, then sign in as the invited builder and come back. */
export async function switchAccountForInviteAction(form: FormData): Promise<void> {
  const token = tokenOf(form);
  await signOut({ redirectTo: token ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}` : "/sign-in" });
}
