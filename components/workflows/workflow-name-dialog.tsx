"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ZName } from "@/lib/schemas/common";

type TWorkflowNameDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  submitLabel: string;
  initialName: string;
  /** Rejects with an Error whose message is shown; the dialog stays open then. */
  onSubmit: (name: string) => Promise<void> | void;
};

/** Asks for a workflow name (new workflow, rename), checked with the same schema as the API. */
export function WorkflowNameDialog(props: TWorkflowNameDialogProps) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      {/* Remounted per opening, so the field starts from the current name each time. */}
      {props.open && <WorkflowNameForm {...props} />}
    </Dialog>
  );
}

function WorkflowNameForm({ onOpenChange, title, description, submitLabel, initialName, onSubmit }: TWorkflowNameDialogProps) {
  const [name, setName] = useState(initialName);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = ZName.safeParse(name);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? "Enter a name");
    setPending(true);
    setProblem(null);
    try {
      await onSubmit(parsed.data);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "Something went wrong. Please try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <DialogContent title={title} description={description}>
      <form onSubmit={submit} noValidate>
        <Field id="workflow-name" label="Name" error={problem}>
          <Input value={name} onChange={(event) => setName(event.target.value)} autoFocus onFocus={(event) => event.currentTarget.select()} maxLength={100} />
        </Field>
        <DialogFooter>
          <Button type="button" variant="secondary" onClick={() => onOpenChange(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}
