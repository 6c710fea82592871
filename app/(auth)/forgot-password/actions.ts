"use server";

import { requestPasswordReset } from "@/lib/accounts/password-reset";
import { configuredOrigin } from "@/lib/accounts/app-origin";
import { toActionResult } from "@/lib/accounts/action-result";

export type TForgotPasswordState = { sent?: boolean; error?: string; fieldError?: string; email?: string } | undefined;

/** Always the same answer for a well-formed email, whether or not an account has it. */
export async function requestPasswordResetAction(_state: TForgotPasswordState, form: FormData): Promise<TForgotPasswordState> {
  const email = typeof form.get("email") === "string" ? (form.get("email") as string) : "";
  const result = await toActionResult(async () => requestPasswordReset({ email, origin: await configuredOrigin() }));
  if (result.ok) return { sent: true, email: email.trim() };
  const details = Array.isArray(result.error.details) ? (result.error.details as { message?: string }[]) : [];
  if (result.status === 422 && details[0]?.message) return { fieldError: details[0].message, email };
  return { error: result.error.message, email };
}
