"use client";

import * as React from "react";
import { Tabs as TabsPrimitive } from "radix-ui";
import { cn } from "./cn";

export function Tabs({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.Root>) {
  return <TabsPrimitive.Root className={cn("flex flex-col", className)} {...props} />;
}

export function TabsList({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.List>) {
  return (
    <TabsPrimitive.List
      className={cn(
        // Baseline drawn as an inset shadow, not a border, so it survives overflow-x-auto without a 1px scrollbar.
        "flex gap-4 overflow-x-auto shadow-[inset_0_-1px_0_var(--color-neutral-200)]",
        className,
      )}
      {...props}
    />
  );
}

export function TabsTrigger({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      className={cn(
        "inline-flex items-center gap-1.5 whitespace-nowrap border-b-2 border-transparent px-1 pt-1 pb-2.5 text-sm font-medium text-neutral-500 transition-colors",
        "hover:text-neutral-800 focus-visible:outline-offset-0 disabled:pointer-events-none disabled:opacity-50",
        "data-[state=active]:border-accent-600 data-[state=active]:text-neutral-900 [&_svg]:size-4",
        className,
      )}
      {...props}
    />
  );
}

export function TabsContent({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.Content>) {
  return <TabsPrimitive.Content className={cn("pt-5", className)} {...props} />;
}
