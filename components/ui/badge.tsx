import * as React from "react";
import { cn } from "./cn";

const variants = {
  neutral: "bg-neutral-100 text-neutral-700 ring-neutral-500/15",
  success: "bg-success-50 text-success-800 ring-success-600/20",
  warning: "bg-warning-50 text-warning-800 ring-warning-600/25",
  danger: "bg-danger-50 text-danger-700 ring-danger-600/20",
  accent: "bg-accent-50 text-accent-700 ring-accent-600/20",
} as const;

export type BadgeVariant = keyof typeof variants;

export function Badge({ variant = "neutral", className, ...props }: React.ComponentProps<"span"> & { variant?: BadgeVariant }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset [&_svg]:size-3",
        variants[variant],
        className,
      )}
      {...props}
    />
  );
}
