import { Ban, CircleCheck, CircleX, Clock, Hourglass, LoaderCircle } from "lucide-react";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { TRunStatus } from "@/lib/schemas/run";

export const RUN_STATUS_LABELS: Record<TRunStatus, string> = {
  queued: "Queued",
  running: "Running",
  waiting: "Waiting",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

const STYLE: Record<TRunStatus, { variant: BadgeVariant; icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }> }> = {
  queued: { variant: "neutral", icon: Clock },
  running: { variant: "accent", icon: LoaderCircle },
  waiting: { variant: "warning", icon: Hourglass },
  succeeded: { variant: "success", icon: CircleCheck },
  failed: { variant: "danger", icon: CircleX },
  cancelled: { variant: "neutral", icon: Ban },
};

/** `waitingForSlot`: the run waits for one of its project's concurrency slots, which says why it has not started. */
export function RunStatusBadge({ status, waitingForSlot = false }: { status: TRunStatus; waitingForSlot?: boolean }) {
  const { variant, icon: Icon } = STYLE[status];
  return (
    <Badge variant={variant} title={waitingForSlot ? "Waiting for one of the project's concurrency slots; runs start oldest first as others end" : undefined}>
      <Icon aria-hidden className={status === "running" ? "animate-spin" : undefined} />
      {RUN_STATUS_LABELS[status]}
      {waitingForSlot && " · for a slot"}
    </Badge>
  );
}
