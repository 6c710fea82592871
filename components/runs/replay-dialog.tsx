"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TRunDetail, ZStartedRun } from "@/lib/schemas/run";
import { versionLabel } from "./run-format";

type TReplayVersion = "current" | "original";

/**
 * Replays the run's input as a new run. The version deployed now is the default (the same as the API's);
 * the original version is one click away, for reproducing exactly what happened.
 */
export function ReplayDialog({ projectId, run, open, onOpenChange }: { projectId: string; run: TRunDetail; open: boolean; onOpenChange: (open: boolean) => void }) {
  const id = useId();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const deployed = run.workflow.deployedVersion;
  const [choice, setChoice] = useState<TReplayVersion>(deployed === null ? "original" : "current");
  const replay = useMutation({
    mutationFn: (version: TReplayVersion) => apiFetch(`/projects/${projectId}/runs/${run.id}/replay`, ZStartedRun, { method: "POST", body: { version } }),
    onSuccess: async (started) => {
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "runs"] });
      toast({ title: "Replay started", description: "Following the new run.", variant: "success" });
      onOpenChange(false);
      router.push(`/${projectId}/runs/${started.runId}`);
    },
  });
  const originalLabel = run.workflowVersion.kind === "test" ? "Original draft snapshot (the test run's version)" : `Original version ${versionLabel(run.workflowVersion)}`;
  const options: { value: TReplayVersion; label: string; hint: string; disabled: boolean }[] = [
    {
      value: "current",
      label: `Version deployed now${deployed === null ? "" : ` (v${deployed})`} — default`,
      hint: deployed === null ? "The workflow is not deployed now, so this is unavailable." : "Checks that a fix you deployed works on this input.",
      disabled: deployed === null,
    },
    { value: "original", label: originalLabel, hint: "Runs exactly the steps this run ran.", disabled: false },
  ];

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (replay.isPending) return;
        if (!next) replay.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent title="Replay this run" description="A new run starts with the same trigger payload and user. This run stays as it is.">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            replay.mutate(choice);
          }}
        >
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-neutral-800">Run it on</legend>
            <div className="flex flex-col gap-2">
              {options.map((option) => (
                <label
                  key={option.value}
                  htmlFor={`${id}-${option.value}`}
                  className={cn(
                    "flex cursor-pointer gap-3 rounded-md border px-3 py-2.5",
                    choice === option.value ? "border-accent-500 bg-accent-50/60" : "border-neutral-200",
                    option.disabled && "cursor-not-allowed opacity-60",
                  )}
                >
                  <input
                    id={`${id}-${option.value}`}
                    type="radio"
                    name={`${id}-version`}
                    value={option.value}
                    checked={choice === option.value}
                    disabled={option.disabled}
                    onChange={() => setChoice(option.value)}
                    className="mt-0.5 accent-accent-600"
                  />
                  <span>
                    <span className="block text-sm font-medium text-neutral-900">{option.label}</span>
                    <span className="block text-xs text-neutral-600">{option.hint}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {replay.error && (
            <p role="alert" className="mt-4 rounded-md border border-danger-200 bg-danger-50 px-3 py-2 text-sm text-danger-800">
              {replay.error.message}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => onOpenChange(false)} disabled={replay.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={replay.isPending}>
              Replay
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
