"use client";

import { ErrorState } from "@/components/ui/error-state";

export default function AccountError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-16 sm:px-8">
      <ErrorState message="Your account could not be loaded." onRetry={reset} />
    </div>
  );
}
