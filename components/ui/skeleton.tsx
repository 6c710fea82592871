import * as React from "react";
import { cn } from "./cn";

/** Size it with className (e.g. "h-4 w-32"); it is hidden from assistive tech, so announce loading elsewhere. */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-neutral-200", className)} {...props} />;
}

/** A list that is loading: `rows` placeholder rows, announced to assistive tech as `label`. */
export function ListSkeleton({ label, rows = 4, rowClassName = "h-12" }: { label: string; rows?: number; rowClassName?: string }) {
  return (
    <div className="flex flex-col gap-2" aria-busy="true">
      <span className="sr-only" role="status">
        {label}
      </span>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} className={rowClassName} />
      ))}
    </div>
  );
}
