import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { auth, oauthProvidersEnabled } from "@/lib/auth/auth";

export const metadata: Metadata = { title: "Create your account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  const session = await auth();
  if (session?.user?.id) redirect("/");
  return <SignUpForm providers={oauthProvidersEnabled()} />;
}
