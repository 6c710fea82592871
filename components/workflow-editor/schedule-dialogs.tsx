"use client";

// Pause (with an optional note) and Backfill (a past range, confirmed before it runs) for a deployed schedule.
import { useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client/api-fetch";
import { MAX_CATCH_UP_TICKS } from "@/lib/schemas/workflow";
import type { TBackfillResult } from "@/lib/schemas/schedule";
import { formatInZone, fromZonedInput, toZonedInput } from "./schedule-format";
import { type useScheduleActions, useTicksInRange } from "./use-schedule";

type TActions = ReturnType<typeof useScheduleActions>;
const NOTE_MAX = 500;

/** `children` is the button that opens it. */
export function PauseDialog({ pause, children }: { pause: TActions["pause"]; children: React.ReactElement }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pause.isPending) return;
        if (next) {
          setNote("");
          pause.reset();
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>{children}</DialogTrigger>
      <DialogContent title="Pause the schedule" description="No tick fires while it is paused. The ticks it misses are recorded as skipped, and resuming goes on from the next tick.">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            pause.mutate(note.trim(), { onSuccess: () => setOpen(false) });
          }}
          className="flex flex-col gap-4"
        >
          <Field id="schedule-pause-note" label="Note (optional)" hint="Shown with the paused schedule, e.g. why it is paused and until when.">
            <Textarea rows={3} maxLength={NOTE_MAX} value={note} onChange={(event) => setNote(event.target.value)} autoFocus />
          </Field>
          <FormError message={pause.error?.message} />
          <DialogFooter className="mt-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)} disabled={pause.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={pause.isPending}>
              Pause schedule
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

type TRangeErrors = { from?: string; to?: string; form?: string };
const ZFieldIssues = z.array(z.object({ path: z.string(), message: z.string() }));

/** A refused backfill's message, and its field errors at the fields the server names. */
function rangeErrorsOf(error: Error): TRangeErrors {
  const issues = error instanceof ApiError && error.status === 422 ? ZFieldIssues.safeParse(error.details) : null;
  const errors: TRangeErrors = { form: error.message };
  for (const issue of issues?.success ? issues.data : []) {
    if (issue.path === "from" || issue.path === "to") errors[issue.path] ??= issue.message;
  }
  return errors;
}

function checkRange(from: string | null, to: string | null): TRangeErrors {
  const errors: TRangeErrors = {};
  if (!from) errors.from = "Enter a date and time";
  if (!to) errors.to = "Enter a date and time";
  else if (new Date(to) > new Date()) errors.to = "Must not be in the future";
  if (from && to && new Date(from) >= new Date(to)) errors.to = "Must be after “From”";
  return errors;
}

type TStage = { kind: "edit"; errors: TRangeErrors } | { kind: "confirm"; from: string; to: string } | { kind: "done"; result: TBackfillResult };

type TBackfillDialogProps = { projectId: string; workflowId: string; timezone: string; backfill: TActions["backfill"]; children: React.ReactElement };

/** `children` is the button that opens it; the inputs are read in `timezone`, the deployed schedule's zone. */
export function BackfillDialog({ projectId, workflowId, timezone, backfill, children }: TBackfillDialogProps) {
  const [open, setOpen] = useState(false);
  const [fromText, setFromText] = useState("");
  const [toText, setToText] = useState("");
  const [stage, setStage] = useState<TStage>({ kind: "edit", errors: {} });
  const counted = useTicksInRange(projectId, workflowId, stage.kind === "confirm" ? { from: stage.from, to: stage.to } : null);
  // undefined while counting (or when the count failed), null beyond the limit.
  const count = counted.data ? (counted.data.truncated ? null : counted.data.ticks.length) : undefined;

  function changeOpen(next: boolean) {
    if (backfill.isPending) return;
    if (next) {
      const now = new Date();
      setFromText(toZonedInput(new Date(now.getTime() - 3_600_000), timezone));
      setToText(toZonedInput(now, timezone));
      setStage({ kind: "edit", errors: {} });
      backfill.reset();
    }
    setOpen(next);
  }

  function review() {
    const from = fromZonedInput(fromText, timezone);
    const to = fromZonedInput(toText, timezone);
    const errors = checkRange(from, to);
    if (!from || !to || Object.keys(errors).length > 0) return setStage({ kind: "edit", errors });
    setStage({ kind: "confirm", from, to });
  }

  function run(range: { from: string; to: string }) {
    backfill.mutate(range, {
      onSuccess: (result) => setStage({ kind: "done", result }),
      onError: (error) => setStage({ kind: "edit", errors: rangeErrorsOf(error) }),
    });
  }

  const shown = (iso: string) => `${formatInZone(iso, timezone).local} (${timezone})`;
  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>{children}</DialogTrigger>
      <DialogContent
        title="Backfill past ticks"
        description={`Runs the ticks of a past range on the deployed version, for every user the workflow is on for. Ticks that already ran are not run again; at most ${MAX_CATCH_UP_TICKS.toLocaleString("en-US")} ticks per zone.`}
      >
        {stage.kind === "edit" && (
          <form
            className="flex flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              review();
            }}
          >
            <Field id="schedule-backfill-from" label={`From (${timezone})`} hint="Ticks after this time…" error={stage.errors.from}>
              <Input type="datetime-local" value={fromText} onChange={(event) => setFromText(event.target.value)} />
            </Field>
            <Field id="schedule-backfill-to" label={`To (${timezone})`} hint="…up to and including this one." error={stage.errors.to}>
              <Input type="datetime-local" value={toText} onChange={(event) => setToText(event.target.value)} />
            </Field>
            <FormError message={stage.errors.form} />
            <DialogFooter className="mt-2">
              <Button type="button" variant="secondary" onClick={() => changeOpen(false)}>
                Cancel
              </Button>
              <Button type="submit">Review</Button>
            </DialogFooter>
          </form>
        )}
        {stage.kind === "confirm" && (
          <div className="flex flex-col gap-4">
            <p className="text-sm text-neutral-800">
              Run every tick after <strong>{shown(stage.from)}</strong> up to <strong>{shown(stage.to)}</strong>? Each one starts real runs of the deployed version.
            </p>
            <p role="status" className="text-sm text-neutral-600">
              {rangeCountMessage(counted.isError, count)}
            </p>
            <DialogFooter className="mt-2">
              <Button type="button" variant="secondary" onClick={() => setStage({ kind: "edit", errors: {} })} disabled={backfill.isPending}>
                Back
              </Button>
              <Button type="button" loading={backfill.isPending} disabled={count === 0} onClick={() => run(stage)} autoFocus>
                Run backfill
              </Button>
            </DialogFooter>
          </div>
        )}
        {stage.kind === "done" && (
          <div className="flex flex-col gap-4">
            <p role="status" className="text-sm text-neutral-800">
              {stage.result.ticks === 0
                ? "The range holds no ticks of this schedule."
                : `Backfilled ${stage.result.ticks.toLocaleString("en-US")} ${stage.result.ticks === 1 ? "tick" : "ticks"}: ${stage.result.runs.toLocaleString("en-US")} ${stage.result.runs === 1 ? "run" : "runs"} started.`}
              {stage.result.ticks > 0 && stage.result.runs === 0 && " Every user's run of these ticks already existed, or no user has the workflow on."}
            </p>
            <DialogFooter className="mt-2">
              <Button type="button" onClick={() => changeOpen(false)} autoFocus>
                Done
              </Button>
            </DialogFooter>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

function rangeCountMessage(failed: boolean, count: number | null | undefined): string {
  if (failed) return "Could not count the ticks in this range; the backfill still checks it.";
  if (count === undefined) return "Counting the ticks in this range…";
  if (count === null) return `The range holds more than ${MAX_CATCH_UP_TICKS.toLocaleString("en-US")} ticks.`;
  if (count === 0) return "The range holds no ticks of this schedule: there is nothing to run.";
  return `The range holds ${count.toLocaleString("en-US")} ${count === 1 ? "tick" : "ticks"}; each runs once for every user the workflow is on for, except users whose run of it already exists.`;
}
