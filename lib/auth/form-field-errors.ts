import { unstorableTextMessage } from "@/lib/http/storable-text";

// What the sign-in, sign-up and invite sign-up forms show beside their fields. Server actions cannot export
// helpers ("use server" files export actions only), hence this module.

/** A zod parse's issues, one message per top-level field. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  return Object.fromEntries(issues.map((issue) => [String(issue.path[0]), issue.message]));
}

/** Fields holding text PostgreSQL cannot store (a NUL, an unpaired surrogate), refused before anything is written. */
export function unstorableFieldErrors(form: FormData, names: string[]): Record<string, string> | undefined {
  const errors: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    const message = typeof value === "string" ? unstorableTextMessage(value) : null;
    if (message !== null) errors[name] = message;
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}
