import * as React from "react";
import { Inbox } from "lucide-react";
import { cn } from "./cn";

export type EmptyStateProps = Omit<React.ComponentProps<"div">, "title"> & {
  icon?: React.ReactNode;
  title: React.ReactNode;
  description?: React.ReactNode;
  action?: React.ReactNode;
};

export function EmptyState({ icon, title, description, action, className, ...props }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center rounded-md border border-dashed border-neutral-300 bg-white px-6 py-12 text-center",
        className,
      )}
      {...props}
    >
      <div aria-hidden="true" className="mb-3 flex size-10 items-center justify-center rounded-full bg-neutral-100 text-neutral-500 [&_svg]:size-5">
        {icon ?? <Inbox />}
      </div>
      {/* Not a heading: empty states appear at arbitrary depths and would break the page outline. */}
      <p className="text-sm font-semibold text-neutral-900">{title}</p>
      {description && <div className="mt-1 max-w-sm text-sm text-neutral-600">{description}</div>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}
