"use client";

import * as React from "react";
import { Check, Copy } from "lucide-react";
import { Button, type ButtonProps } from "./button";

export type CopyButtonProps = Omit<ButtonProps, "onClick" | "children" | "asChild" | "value"> & {
  value: string;
  label?: string;
  /** Show only the icon; the label becomes the accessible name. */
  iconOnly?: boolean;
};

type CopyStatus = "idle" | "copied" | "failed";

// navigator.clipboard only exists in secure contexts, and self-hosted installs are often plain http on a LAN.
async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const el = document.createElement("textarea");
  el.value = text;
  el.setAttribute("readonly", "");
  el.style.position = "fixed";
  el.style.opacity = "0";
  document.body.appendChild(el);
  el.select();
  const ok = document.execCommand("copy");
  el.remove();
  if (!ok) throw new Error("Copy command was rejected");
}

export function CopyButton({ value, label = "Copy", iconOnly = false, variant = "secondary", size = "sm", ...props }: CopyButtonProps) {
  const [status, setStatus] = React.useState<CopyStatus>("idle");
  const timer = React.useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  React.useEffect(() => () => clearTimeout(timer.current), []);

  async function handleClick() {
    try {
      await writeClipboard(value);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus("idle"), 2000);
  }

  const text = status === "copied" ? "Copied" : status === "failed" ? "Copy failed" : label;
  return (
    <>
      <Button
        variant={variant}
        size={size}
        onClick={handleClick}
        aria-label={iconOnly ? label : undefined}
        className={iconOnly ? "px-2" : undefined}
        {...props}
      >
        {status === "copied" ? <Check aria-hidden="true" className="text-success-600" /> : <Copy aria-hidden="true" />}
        {!iconOnly && text}
      </Button>
      {/* Separate from the button so the change is announced even though focus stays put. */}
      <span aria-live="polite" className="sr-only">
        {status === "copied" ? "Copied to clipboard" : status === "failed" ? "Copy failed" : ""}
      </span>
    </>
  );
}
