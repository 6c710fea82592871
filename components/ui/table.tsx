import * as React from "react";
import { cn } from "./cn";

export type TableProps = React.ComponentProps<"table"> & { wrapperClassName?: string };

/** The wrapper scrolls horizontally so wide tables never push the page layout sideways on small screens. */
export function Table({ className, wrapperClassName, ...props }: TableProps) {
  return (
    <div className={cn("w-full overflow-x-auto rounded-md border border-neutral-200 bg-white", wrapperClassName)}>
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  );
}

export function THead({ className, ...props }: React.ComponentProps<"thead">) {
  return <thead className={cn("border-b border-neutral-200 bg-neutral-50", className)} {...props} />;
}

export function TBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-neutral-200", className)} {...props} />;
}

export function TR({ className, ...props }: React.ComponentProps<"tr">) {
  return <tr className={cn("transition-colors hover:bg-neutral-50/60", className)} {...props} />;
}

export function TH({ className, scope = "col", ...props }: React.ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cn("px-4 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-neutral-500 uppercase", className)}
      {...props}
    />
  );
}

export function TD({ className, ...props }: React.ComponentProps<"td">) {
  return <td className={cn("px-4 py-3 align-middle text-neutral-800", className)} {...props} />;
}

/** The header cell above a column of row-action menus: empty to the eye, named for screen readers. */
export function ActionsTH() {
  return (
    <TH>
      <span className="sr-only">Actions</span>
    </TH>
  );
}
