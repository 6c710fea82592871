import * as React from "react";
import { RotateCw, TriangleAlert } from "lucide-react";
import { cn } from "./cn";
import { Button } from "./button";

export type ErrorStateProps = Omit<React.ComponentProps<"div">, "title"> & {
  title?: React.ReactNode;
  message?: React.ReactNode;
  /** Only usable from client components (functions can't cross the server boundary); omit it in server components. */
  onRetry?: () => void;
  retryLabel?: string;
};

export function ErrorState({
  title = "Something went wrong",
  message,
  onRetry,
  retryLabel = "Try again",
  className,
  ...props
}: ErrorStateProps) {
  return (
    <div
      role="alert"
      className={cn(
        "flex flex-col items-center justify-center rounded-md border border-danger-200 bg-danger-50/50 px-6 py-10 text-center",
        className,
      )}
      {...props}
    >
      <div aria-hidden="true" className="mb-3 flex size-10 items-center justify-center rounded-full bg-danger-100 text-danger-600">
        <TriangleAlert className="size-5" />
      </div>
      <p className="text-sm font-semibold text-neutral-900">{title}</p>
      {message && <div className="mt-1 max-w-md text-sm break-words text-neutral-600">{message}</div>}
      {onRetry && (
        <Button variant="secondary" size="sm" className="mt-5" onClick={onRetry}>
          <RotateCw aria-hidden="true" />
          {retryLabel}
        </Button>
      )}
    </div>
  );
}
