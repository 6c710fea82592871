"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { toActionResult } from "@/lib/accounts/action-result";
import { resetPassword } from "@/lib/accounts/password-reset";

export type TResetPasswordState = { error?: string; fieldError?: string } | undefined;

/** Sets the new password (every browser is signed out), then signs this one in with it. */
export async function resetPasswordAction(_state: TResetPasswordState, form: FormData): Promise<TResetPasswordState> {
  const password = form.get("password");
  const result = await toActionResult(() => resetPassword({ token: form.get("token"), password }));
  if (!result.ok) {
    const details = Array.isArray(result.error.details) ? (result.error.details as { path?: string; message?: string }[]) : [];
    const passwordIssue = details.find((detail) => detail.path === "password")?.message;
    return passwordIssue ? { fieldError: passwordIssue } : { error: details[0]?.message ?? result.error.message };
  }
  try {
    await signIn("credentials", { email: result.data.email, password, redirectTo: "/" });
  } catch (error) {
    // The password is set either way; only signing this browser in failed (the sign-in rate limit, say).
    if (error instanceof AuthError) return { error: "Your new password is set, but signing you in failed. Sign in with it." };
    throw error; // the redirect that signals success
  }
  return undefined;
}
