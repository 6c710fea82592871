"use client";

import * as React from "react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { X } from "lucide-react";
import { cn } from "./cn";

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

export type DialogContentProps = Omit<React.ComponentProps<typeof DialogPrimitive.Content>, "title"> & {
  title: React.ReactNode;
  description?: React.ReactNode;
  /**
   * false while the dialog shows something that cannot be shown again (a new secret): Escape, a click outside
   * and the close button do nothing, so only the dialog's own explicit action closes it.
   */
  dismissible?: boolean;
};

export function DialogContent({ title, description, className, children, dismissible = true, ...props }: DialogContentProps) {
  const keepOpen = (event: Event) => {
    if (!dismissible) event.preventDefault();
  };
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-neutral-950/40 data-[state=open]:animate-fade-in" />
      <DialogPrimitive.Content
        // Without a description, opt out of Radix's describedby so it doesn't warn about a missing one.
        {...(description ? {} : { "aria-describedby": undefined })}
        className={cn(
          "fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2",
          "overflow-y-auto rounded-md border border-neutral-200 bg-white p-6 shadow-lg data-[state=open]:animate-pop-in",
          className,
        )}
        {...props}
        onEscapeKeyDown={(event) => {
          keepOpen(event);
          props.onEscapeKeyDown?.(event);
        }}
        onInteractOutside={(event) => {
          keepOpen(event);
          props.onInteractOutside?.(event);
        }}
      >
        <div className="flex flex-col gap-1.5 pr-8">
          <DialogPrimitive.Title className="text-base font-semibold text-neutral-900">{title}</DialogPrimitive.Title>
          {description && (
            // asChild + div: descriptions may contain block content, which a <p> can't hold.
            <DialogPrimitive.Description asChild>
              <div className="text-sm text-neutral-600">{description}</div>
            </DialogPrimitive.Description>
          )}
        </div>
        {children && <div className="mt-4">{children}</div>}
        {dismissible && (
          <DialogPrimitive.Close
            aria-label="Close"
            className="absolute top-4 right-4 rounded-md p-1 text-neutral-500 transition-colors hover:bg-neutral-100 hover:text-neutral-900"
          >
            <X aria-hidden="true" className="size-4" />
          </DialogPrimitive.Close>
        )}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogFooter({ className, ...props }: React.ComponentProps<"div">) {
  return <div className={cn("mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)} {...props} />;
}
