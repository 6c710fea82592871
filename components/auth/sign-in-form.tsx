"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signInWithPassword } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { OAuthButtons } from "./oauth-buttons";

export function SignInForm({ callbackUrl, providers }: { callbackUrl: string; providers: { github: boolean; google: boolean } }) {
  const [state, action, pending] = useActionState(signInWithPassword, undefined);
  return (
    <div>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-neutral-600">Welcome back to Switchyard.</p>
      <form action={action} className="mt-6 flex flex-col gap-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field id="email" label="Email" error={state?.fieldErrors?.email}>
          <Input name="email" type="email" autoComplete="email" required autoFocus={!state?.values?.email} defaultValue={state?.values?.email} />
        </Field>
        <Field id="password" label="Password" error={state?.fieldErrors?.password}>
          <Input name="password" type="password" autoComplete="current-password" required autoFocus={Boolean(state?.values?.email)} />
        </Field>
        <FormError message={state?.error} />
        <Button type="submit" loading={pending}>
          Sign in
        </Button>
        <Link href="/forgot-password" className="self-center text-sm font-medium text-accent-700 hover:underline">
          Forgot password?
        </Link>
      </form>
      <OAuthButtons providers={providers} />
      <p className="mt-6 text-center text-sm text-neutral-600">
        New to Switchyard?{" "}
        <Link href="/sign-up" className="font-medium text-accent-700 hover:underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
