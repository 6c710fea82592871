import * as React from "react";
import { cn } from "./cn";

/** Size it with className (e.g. "h-4 w-32"); it is hidden from assistive tech, so announce loading elsewhere. */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-neutral-200", className)} {...props} />;
}
