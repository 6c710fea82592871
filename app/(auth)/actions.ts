"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";
import { fieldErrors, unstorableFieldErrors } from "@/lib/auth/form-field-errors";
import { signUpBuilder } from "@/lib/auth/sign-up-builder";
import { AppError } from "@/lib/http/errors";
import { ZSignInRequest, ZSignUpRequest } from "@/lib/schemas/auth";

/**
 * `values` carries back what was typed (never the password): React resets a form after its action runs, so
 * without it a wrong password or a short one would also clear the email and name the person typed.
 */
export type TAuthFormState = { error?: string; fieldErrors?: Record<string, string>; values?: { name?: string; email?: string } } | undefined;

function typed(form: FormData, names: ("name" | "email")[]): { name?: string; email?: string } {
  const values: { name?: string; email?: string } = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

/** Only same-site paths may be returned to after sign-in. */
function safeCallback(value: FormDataEntryValue | null): string {
  const url = typeof value === "string" ? value : "";
  return url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export async function signInWithPassword(_state: TAuthFormState, form: FormData): Promise<TAuthFormState> {
  // The email keys the sign-in rate limit's row.
  const values = typed(form, ["email"]);
  const unstorable = unstorableFieldErrors(form, ["email"]);
  if (unstorable) return { fieldErrors: unstorable, values };
  const parsed = ZSignInRequest.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error.issues), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallback(form.get("callbackUrl")) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "rate_limited") return { error: "Too many attempts. Wait 15 minutes and try again.", values };
      return { error: "Email or password is incorrect.", fieldErrors: { password: "Check the password, or the email above." }, values };
    }
    throw error; // the redirect that signals success
  }
  return undefined;
}

export async function signUpWithPassword(_state: TAuthFormState, form: FormData): Promise<TAuthFormState> {
  const values = typed(form, ["name", "email"]);
  const unstorable = unstorableFieldErrors(form, ["name", "email"]);
  if (unstorable) return { fieldErrors: unstorable, values };
  const parsed = ZSignUpRequest.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error.issues), values };
  try {
    await signUpBuilder(parsed.data);
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, values };
    throw error;
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/new-project" });
  return undefined;
}

export async function signInWithProvider(provider: "github" | "google"): Promise<void> {
  await signIn(provider, { redirectTo: "/" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
