import { Waypoints } from "lucide-react";

export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <span className="inline-flex items-center gap-2 font-semibold text-neutral-900">
      <span className="inline-flex size-8 items-center justify-center rounded-md bg-accent-600 text-white">
        <Waypoints className="size-5" aria-hidden />
      </span>
      {!compact && <span className="text-lg tracking-tight">Switchyard</span>}
    </span>
  );
}
