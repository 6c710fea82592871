import "server-only";

/**
 * Where a password reset or invite link goes. Switchyard has no mail configuration, so the link is printed to
 * the server log (the `npm start` output), for the operator to pass on.
 */
export function printAccountLink(input: { purpose: "password reset" | "project invite"; email: string; url: string; expiresAt: Date }): void {
  console.log(`[switchyard] ${input.purpose} link for ${input.email} (valid until ${input.expiresAt.toISOString()}): ${input.url}`);
}
