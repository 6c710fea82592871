"use client";

import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useActionState } from "react";
import { requestPasswordResetAction } from "@/app/(auth)/forgot-password/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestPasswordResetAction, undefined);
  if (state?.sent) {
    return (
      <div>
        <div aria-hidden className="mb-3 flex size-10 items-center justify-center rounded-full bg-accent-50 text-accent-700">
          <MailCheck className="size-5" />
        </div>
        <h1 className="text-xl font-semibold">Check for your reset link</h1>
        <p className="mt-2 text-sm text-neutral-600" role="status">
          If an account uses <span className="font-medium text-neutral-800">{state.email}</span>, a link to choose a new password is on its way. It
          works once, within 1 hour. If it doesn&apos;t reach you, ask whoever runs your Switchyard.
        </p>
        <p className="mt-6 text-center text-sm text-neutral-600">
          <Link href="/sign-in" className="font-medium text-accent-700 hover:underline">
            Back to sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div>
      <h1 className="text-xl font-semibold">Forgot your password?</h1>
      <p className="mt-1 text-sm text-neutral-600">Enter the email you sign in with, and we&apos;ll send a link to choose a new one.</p>
      <form action={action} className="mt-6 flex flex-col gap-4" noValidate>
        <Field id="email" label="Email" error={state?.fieldError}>
          <Input name="email" type="email" autoComplete="email" required autoFocus defaultValue={state?.email} />
        </Field>
        <FormError message={state?.error} />
        <Button type="submit" loading={pending}>
          Send reset link
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-neutral-600">
        Remembered it?{" "}
        <Link href="/sign-in" className="font-medium text-accent-700 hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
