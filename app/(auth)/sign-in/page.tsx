import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { auth, oauthProvidersEnabled } from "@/lib/auth/auth";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const session = await auth();
  if (session?.user?.id) redirect("/");
  const { callbackUrl } = await searchParams;
  return <SignInForm callbackUrl={callbackUrl ?? "/"} providers={oauthProvidersEnabled()} />;
}
