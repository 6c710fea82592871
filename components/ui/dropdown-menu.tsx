"use client";

import * as React from "react";
import { ChevronRight } from "lucide-react";
import { DropdownMenu as MenuPrimitive } from "radix-ui";
import { cn } from "./cn";

export const DropdownMenu = MenuPrimitive.Root;
export const DropdownMenuTrigger = MenuPrimitive.Trigger;
export const DropdownMenuSub = MenuPrimitive.Sub;

// Menus keep this far from the window's edges rather than touching them. A menu that must also stay clear
// of something on screen (the editor's toolbar above the canvas) passes its own collisionPadding.
const COLLISION_PADDING = 8;

const CONTENT_CLASSES =
  "z-50 min-w-40 overflow-y-auto rounded-md border border-neutral-200 bg-white p-1 shadow-md data-[state=open]:animate-fade-in";
const ITEM_CLASSES = "flex cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-hidden select-none";

export function DropdownMenuContent({
  className,
  sideOffset = 4,
  align = "end",
  collisionPadding = COLLISION_PADDING,
  ...props
}: React.ComponentProps<typeof MenuPrimitive.Content>) {
  return (
    <MenuPrimitive.Portal>
      <MenuPrimitive.Content
        sideOffset={sideOffset}
        align={align}
        collisionPadding={collisionPadding}
        className={cn(CONTENT_CLASSES, "max-h-(--radix-dropdown-menu-content-available-height)", className)}
        {...props}
      />
    </MenuPrimitive.Portal>
  );
}

export function DropdownMenuItem({
  className,
  destructive = false,
  ...props
}: React.ComponentProps<typeof MenuPrimitive.Item> & { destructive?: boolean }) {
  return (
    <MenuPrimitive.Item
      className={cn(
        // Radix moves real focus between items; the highlight background is the focus indicator, so no outline.
        ITEM_CLASSES,
        "data-disabled:pointer-events-none data-disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0",
        destructive
          ? "text-danger-700 data-highlighted:bg-danger-50"
          : "text-neutral-800 data-highlighted:bg-neutral-100 [&_svg]:text-neutral-500",
        className,
      )}
      {...props}
    />
  );
}

export function DropdownMenuLabel({ className, ...props }: React.ComponentProps<typeof MenuPrimitive.Label>) {
  return (
    <MenuPrimitive.Label className={cn("px-2 py-1.5 text-xs font-medium text-neutral-500", className)} {...props} />
  );
}

export function DropdownMenuSeparator({ className, ...props }: React.ComponentProps<typeof MenuPrimitive.Separator>) {
  return <MenuPrimitive.Separator className={cn("-mx-1 my-1 h-px bg-neutral-200", className)} {...props} />;
}

/** An item that opens a nested menu (on hover, click, Enter or →), marked with a chevron. */
export function DropdownMenuSubTrigger({
  className,
  children,
  ...props
}: React.ComponentProps<typeof MenuPrimitive.SubTrigger>) {
  return (
    <MenuPrimitive.SubTrigger
      className={cn(
        ITEM_CLASSES,
        "text-neutral-800 data-highlighted:bg-neutral-100 data-[state=open]:bg-neutral-100 data-disabled:pointer-events-none data-disabled:opacity-50",
        "[&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-neutral-500",
        className,
      )}
      {...props}
    >
      {children}
      <ChevronRight aria-hidden className="ml-auto" />
    </MenuPrimitive.SubTrigger>
  );
}

export function DropdownMenuSubContent({
  className,
  sideOffset = 2,
  collisionPadding = COLLISION_PADDING,
  ...props
}: React.ComponentProps<typeof MenuPrimitive.SubContent>) {
  return (
    <MenuPrimitive.Portal>
      <MenuPrimitive.SubContent
        sideOffset={sideOffset}
        collisionPadding={collisionPadding}
        className={cn(CONTENT_CLASSES, "max-h-(--radix-dropdown-menu-content-available-height)", className)}
        {...props}
      />
    </MenuPrimitive.Portal>
  );
}
