import * as React from "react";
import { cn } from "./cn";

/** Shared with Textarea so every text control looks and reacts the same. */
export const controlClasses = cn(
  "block w-full rounded-md border border-neutral-300 bg-white px-3 text-sm text-neutral-900 shadow-xs",
  "placeholder:text-neutral-400 transition-[border-color,box-shadow]",
  // A soft ring instead of the global offset outline: it hugs the field rather than floating around it.
  "focus-visible:border-accent-500 focus-visible:ring-3 focus-visible:ring-accent-500/20 focus-visible:outline-hidden",
  "disabled:cursor-not-allowed disabled:bg-neutral-50 disabled:text-neutral-500",
  "aria-invalid:border-danger-500 aria-invalid:focus-visible:ring-danger-500/20",
);

export function Input({ className, type = "text", ...props }: React.ComponentProps<"input">) {
  return <input type={type} className={cn(controlClasses, "h-9 py-1.5", className)} {...props} />;
}
