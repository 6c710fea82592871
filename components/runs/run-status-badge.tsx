import { Ban, CircleCheck, CircleX, Clock, Hourglass, LoaderCircle, RotateCcw } from "lucide-react";
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

/** The word for a run waiting out a step's retry back-off, the same as on the step itself (run-graph). */
export const RETRYING_LABEL = "Retrying";

/**
 * `waitingForSlot`: the run waits for one of its project's concurrency slots, which says why it has not started.
 * `retrying`: a waiting run that waits to retry a failed step (rather than for a Delay).
 */
export function RunStatusBadge({ status, waitingForSlot = false, retrying = false }: { status: TRunStatus; waitingForSlot?: boolean; retrying?: boolean }) {
  const asRetry = retrying && status === "waiting";
  const { variant, icon: Icon } = asRetry ? { variant: "warning" as const, icon: RotateCcw } : STYLE[status];
  return (
    <Badge variant={variant} title={waitingForSlot ? "Waiting for one of the project's concurrency slots; runs start oldest first as others end" : undefined}>
      <Icon aria-hidden className={status === "running" ? "animate-spin" : undefined} />
      {asRetry ? RETRYING_LABEL : RUN_STATUS_LABELS[status]}
      {waitingForSlot && " · for a slot"}
    </Badge>
  );
}
