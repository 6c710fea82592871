"use client";

import { Button } from "@/components/ui/button";
import { signInWithProvider } from "@/app/(auth)/actions";

/** GitHub/Google buttons, rendered only for providers whose credentials are configured. */
export function OAuthButtons({ providers }: { providers: { github: boolean; google: boolean } }) {
  if (!providers.github && !providers.google) return null;
  return (
    <div className="mt-6 flex flex-col gap-2 border-t border-neutral-200 pt-6">
      {providers.github && (
        <Button type="button" variant="secondary" onClick={() => signInWithProvider("github")}>
          Continue with GitHub
        </Button>
      )}
      {providers.google && (
        <Button type="button" variant="secondary" onClick={() => signInWithProvider("google")}>
          Continue with Google
        </Button>
      )}
    </div>
  );
}
