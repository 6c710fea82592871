import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

// /forgot-password — ask for a password reset link by email
export default function ForgotPasswordPage() {
  return <ForgotPasswordForm />;
}
