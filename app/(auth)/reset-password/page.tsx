import type { Metadata } from "next";
import { LinkProblem } from "@/components/account/link-problem";
import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { inspectPasswordResetToken } from "@/lib/accounts/password-reset";

export const metadata: Metadata = { title: "Reset password" };
export const dynamic = "force-dynamic";

const PROBLEMS = {
  invalid: { title: "This reset link is not valid", message: "Check that the whole link was copied, or ask for a new one." },
  expired: { title: "This reset link has expired", message: "Reset links work for 1 hour. Ask for a new one." },
  used: { title: "This reset link has been used", message: "Each link works once. Sign in with your new password, or ask for a new link." },
} as const;

// /reset-password?token=… — choose a new password with a single-use link
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const inspected = await inspectPasswordResetToken(value);
  if (inspected.state !== "valid" || !inspected.email) {
    const problem = PROBLEMS[inspected.state === "valid" ? "invalid" : inspected.state];
    return <LinkProblem {...problem} action={{ href: "/forgot-password", label: "Ask for a new link" }} />;
  }
  return <ResetPasswordForm token={value} email={inspected.email} />;
}
