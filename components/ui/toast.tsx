"use client";

import * as React from "react";
import { CircleCheck, CircleX, X } from "lucide-react";
import { cn } from "./cn";

export type ToastVariant = "success" | "error";
export type ToastOptions = { title: string; description?: string; variant?: ToastVariant };
export type ToastFn = (options: ToastOptions) => void;

type ToastItem = ToastOptions & { id: number };

const DISMISS_AFTER_MS = 4000;
const MAX_VISIBLE = 4;

const ToastContext = React.createContext<ToastFn | null>(null);

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = React.useState<ToastItem[]>([]);
  const nextId = React.useRef(0);
  const timers = React.useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = React.useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((t) => t.id !== id));
  }, []);

  const toast = React.useCallback<ToastFn>(
    (options) => {
      const id = ++nextId.current;
      setToasts((current) => [...current.slice(-(MAX_VISIBLE - 1)), { ...options, id }]);
      timers.current.set(id, setTimeout(() => dismiss(id), DISMISS_AFTER_MS));
    },
    [dismiss],
  );

  React.useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  return (
    <ToastContext value={toast}>
      {children}
      {/* Always mounted: live regions only announce changes to regions that already exist. */}
      <div
        role="status"
        aria-live="polite"
        className="pointer-events-none fixed right-4 bottom-4 z-[100] flex w-[calc(100%-2rem)] max-w-sm flex-col gap-2"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            className={cn(
              "pointer-events-auto flex items-start gap-3 rounded-md border bg-white p-3 shadow-lg animate-slide-in",
              t.variant === "error" ? "border-danger-200" : "border-neutral-200",
            )}
          >
            {t.variant === "success" && <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success-600" />}
            {t.variant === "error" && <CircleX aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-danger-600" />}
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium text-neutral-900">{t.title}</p>
              {t.description && <p className="mt-0.5 text-sm break-words text-neutral-600">{t.description}</p>}
            </div>
            <button
              type="button"
              aria-label="Dismiss notification"
              onClick={() => dismiss(t.id)}
              className="-m-1 rounded-md p-1 text-neutral-400 transition-colors hover:bg-neutral-100 hover:text-neutral-700"
            >
              <X aria-hidden="true" className="size-4" />
            </button>
          </div>
        ))}
      </div>
    </ToastContext>
  );
}

/** Returns the `toast` function itself: `const toast = useToast(); toast({ title: "Saved" })`. */
export function useToast(): ToastFn {
  const toast = React.use(ToastContext);
  if (!toast) throw new Error("useToast must be used inside <ToastProvider>");
  return toast;
}
