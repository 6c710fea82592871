import * as React from "react";
import { LoaderCircle } from "lucide-react";
import { cn } from "./cn";

export type SpinnerProps = Omit<React.ComponentProps<"span">, "children"> & {
  /** When set, the spinner is announced; without it, it is decorative (e.g. inside a labelled button). */
  label?: string;
};

export function Spinner({ label, className, ...props }: SpinnerProps) {
  return (
    <span role={label ? "status" : undefined} className={cn("inline-flex shrink-0", className)} {...props}>
      <LoaderCircle aria-hidden="true" className="size-4 animate-spin" />
      {label && <span className="sr-only">{label}</span>}
    </span>
  );
}
