"use client";

// Rotating a webhook endpoint's secret: paste the provider's new secret (or generate one), and choose how long
// the old one is still accepted, so deliveries signed with it while the provider switches over are not refused.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TWebhookEndpoint, ZWebhookEndpoint } from "@/lib/schemas/webhook-endpoint";
import { Select } from "./controls";

const GRACE_OPTIONS = [
  { value: "0", label: "Refuse it at once" },
  { value: "1", label: "For 1 hour" },
  { value: "24", label: "For 24 hours" },
  { value: "72", label: "For 3 days" },
  { value: "168", label: "For 7 days" },
] as const;

export function RotateSecretDialog({ projectId, endpoint, open, onOpenChange, onRotated }: {
  projectId: string;
  endpoint: TWebhookEndpoint;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onRotated: () => void;
}) {
  const queryClient = useQueryClient();
  const [pasted, setPasted] = useState("");
  const [grace, setGrace] = useState<(typeof GRACE_OPTIONS)[number]["value"]>(endpoint.hasSecret ? "24" : "0");
  const rotate = useMutation({
    mutationFn: () =>
      apiFetch(`/projects/${projectId}/webhook-endpoints/${endpoint.id}/rotate-secret`, ZWebhookEndpoint, {
        method: "POST",
        body: { ...(pasted.trim() ? { secret: pasted.trim() } : {}), graceHours: Number(grace) },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "webhook-endpoints"] });
      setPasted("");
      onRotated();
      onOpenChange(false);
    },
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Rotate the secret" description="Deliveries are verified with the new secret from now on.">
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            rotate.mutate();
          }}
        >
          <Field id="rotate-secret-value" label="New secret" hint="Paste the secret the service shows, or leave empty to generate one.">
            <Input value={pasted} autoComplete="off" spellCheck={false} className="font-mono text-xs" onChange={(event) => setPasted(event.target.value)} />
          </Field>
          <Field id="rotate-secret-grace" label="Keep accepting the old secret">
            <Select value={grace} options={GRACE_OPTIONS} onChange={setGrace} />
          </Field>
          {rotate.isError && (
            <p role="alert" className="text-sm text-danger-700">
              {rotate.error.message}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={rotate.isPending || (pasted.trim() !== "" && pasted.trim().length < 8)}>
              {rotate.isPending && <Spinner />} {pasted.trim() ? "Use this secret" : "Generate a new secret"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
